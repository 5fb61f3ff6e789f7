"""Letter: a short title, the name plate, a large salutation; signature ragged right."""

from layout.compose import opener
from layout.compose.elements import body_flowables
from layout.kinds import Kind


def story(kit, grid, page):
    article = kit.article
    head = [opener.title(kit, short=True), *opener.byline(kit)]
    body = [*opener.portrait(kit),
            *body_flowables(kit, article.blocks, dropcap_first=article.dropcap)]
    if article.salutation:
        body.insert(0, kit.para(article.salutation, "salutation"))
    return [*head, opener.below_opener(kit, grid, page),
            *opener.in_columns(kit, body, article.columns, grid)]


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
    story=story,
    keys=("title", "section", "byline", "salutation", "portrait", "columns", "dropcap",
          "picture_space"),
    defaults={"columns": 2, "dropcap": False},
    template=TEMPLATE,
    body_group="letter",
)
