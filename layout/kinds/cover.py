"""The cover: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/cover.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

TEMPLATE = """\
---
kind: cover
pages: 1
cover_lines:
  - {article: feature, text: "A feature: how an article of this issue is written"}
  - {article: interview, text: "An interview: questions set apart from the answers"}
---
"""

KIND = Kind(
    name="cover",
    summary=("the cover: the masthead on a colour field that bleeds, the issue "
             "line, cover lines with their page numbers; a photo under them "
             "('::: figure PATH cover')"),
    story="layout.compose.kinds.cover:story",
    keys=("title", "cover_lines"),
    required=(),
    defaults={"pages": 1},
    template=TEMPLATE,
    generated=True,
    needs_body=False,
    one_per_issue=True,
)
