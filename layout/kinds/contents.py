"""The contents page: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/contents.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

TEMPLATE = """\
---
kind: contents
title: "In this issue"
pages: 1
---
"""

KIND = Kind(
    name="contents",
    summary="the contents page, generated from the flatplan with each article's first page",
    story="layout.compose.kinds.contents:story",
    keys=("title", "section"),
    required=(),
    defaults={"pages": 1, "title": "In this issue"},
    template=TEMPLATE,
    generated=True,
    needs_body=False,
    one_per_issue=True,
)
