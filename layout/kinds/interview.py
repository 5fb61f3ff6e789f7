"""An interview: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/interview.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

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
    story="layout.compose.kinds.interview:story",
    keys=("title", "section", "speaker", "standfirst", "byline", "portrait", "columns",
          "dropcap", "picture_space"),
    defaults={"columns": 2, "dropcap": True},
    template=TEMPLATE,
)
