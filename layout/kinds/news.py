"""News briefs: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/news.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

TEMPLATE = """\
---
kind: news
section: "NEWS"
title: "$title"
display: "$year"
pages: 2
columns: 3
---

News are briefs in three columns. With `display:` (a year, a word) the section opens on a
page of its own, the display set as large as the page allows over the title; without it,
the title heads the briefs' first page. Each brief opens with a drop cap; a line of three
asterisks on its own separates one brief from the next.

* * *

The second brief. Figures the text states can be drawn as a statistics call-out: one
figure and what it counts per line, the bars drawn to scale.

::: stats
23 000 | non-governmental organisations
100 | when the country became independent
:::

* * *

The third brief. Replace these briefs with the issue's news.
"""

KIND = Kind(
    name="news",
    summary=("news briefs in 3 columns, each with a drop cap; with `display:`, a "
             "section opener page"),
    story="layout.compose.kinds.news:story",
    keys=("title", "section", "standfirst", "display", "columns", "dropcap", "picture_space"),
    defaults={"columns": 3, "dropcap": True},
    template=TEMPLATE,
)
