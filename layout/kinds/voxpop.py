"""A vox pop: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/voxpop.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

TEMPLATE = """\
---
kind: voxpop
section: "QUICK ROUND OF QUESTIONS"
title: "$title"
pages: 1
columns: 2
---

::: respondent
First Respondent
40 years old
Teacher
:::

A vox pop is a round of answers to one question. Each respondent's card gives the name,
the age and the role, one per line; the answer follows as ordinary paragraphs.

::: respondent
Second Respondent
35 years old
:::

The role may be left out.
"""

KIND = Kind(
    name="voxpop",
    summary="a vox pop: respondent cards (name, age, role), each followed by the answer",
    story="layout.compose.kinds.voxpop:story",
    keys=("title", "section", "standfirst", "columns", "picture_space"),
    defaults={"columns": 2, "dropcap": False},
    template=TEMPLATE,
)
