"""A column: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/feature.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

TEMPLATE = """\
---
kind: column
section: "COLUMN"
title: "$title"
byline: {name: Name Surname, role: Columnist}
pages: 1
columns: 2
---

A column is set like a feature: an opinion piece with its author's byline. Replace this
text with the column.
"""

KIND = Kind(
    name="column",
    summary="an opinion piece, set like a feature with its author's byline",
    story="layout.compose.kinds.feature:story",
    keys=("title", "section", "standfirst", "byline", "columns", "dropcap", "picture_space"),
    defaults={"columns": 2, "dropcap": False},
    template=TEMPLATE,
)
