"""Vox pop: respondent cards (name, age, role), each followed by the answer."""

from layout.compose import opener
from layout.compose.elements import body_flowables
from layout.kinds import Kind


def story(kit, grid, page):
    article = kit.article
    head = [opener.title(kit), *opener.standfirst(kit, grid, page)]
    body = body_flowables(kit, article.blocks, dropcap_first=False)
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(kit, body, article.columns, grid)]


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
    story=story,
    keys=("title", "section", "standfirst", "columns", "picture_space"),
    defaults={"columns": 2, "dropcap": False},
    template=TEMPLATE,
)
