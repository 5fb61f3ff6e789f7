"""A letter: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/letter.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

TEMPLATE = """\
---
kind: letter
title: "$title"
salutation: "Dear readers!"
pages: 1
columns: 2
---

This is a letter: a welcoming address set in one size larger than the body, with the
salutation above it and a signature below. Replace these paragraphs with the letter's own
text; a blank line starts a new paragraph.

Keep the signature container at the end: one line per line, the name in **bold**.

::: signature
With warm regards,
**Name Surname**
Position, organisation
:::
"""

KIND = Kind(
    name="letter",
    summary="a letter or address: a short title, the name plate, a large salutation, a signature",
    story="layout.compose.kinds.letter:story",
    keys=("title", "section", "byline", "salutation", "portrait", "columns", "dropcap",
          "picture_space"),
    defaults={"columns": 2, "dropcap": False},
    template=TEMPLATE,
    body_group="letter",
)
