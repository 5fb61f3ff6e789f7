"""Interview and profile: the speaker's name over a quoted title; questions set apart."""

from layout.compose import opener
from layout.compose.elements import body_flowables
from layout.kinds import Kind


def story(kit, grid, page):
    article = kit.article
    head = [*opener.speaker(kit), opener.title(kit), *opener.standfirst(kit, grid, page),
            *opener.byline(kit)]
    body = [*opener.portrait(kit),
            *body_flowables(kit, article.blocks, dropcap_first=article.dropcap)]
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(kit, body, article.columns, grid)]


TEMPLATE = """\
---
kind: interview
section: "INTERVIEW"
speaker: Name Surname
title: "$title"
standfirst: "The standfirst of the interview: who was asked, and why."
pages: 1
columns: 2
---

An introduction to the interview, set as ordinary text.

::: question
Each question goes in a question container: is it set apart from the answers?
:::

– Yes. The answer is written as ordinary paragraphs after the question.

::: question
And a second question?
:::

– Each answer may run over several paragraphs.

::: pullquote
The answer is written as ordinary paragraphs
:::
"""

KIND = Kind(
    name="interview",
    summary=("an interview: the speaker's name over a quoted title, questions set "
             "apart from the answers"),
    story=story,
    keys=("title", "section", "speaker", "standfirst", "byline", "portrait", "columns",
          "dropcap", "picture_space"),
    defaults={"columns": 2, "dropcap": True},
    template=TEMPLATE,
)
