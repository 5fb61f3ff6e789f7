"""A feature: what its front matter may say, and the starter article.

How it is set: `layout/compose/kinds/feature.py` (loaded when an article is composed).
"""

from layout.kinds import Kind

TEMPLATE = """\
---
kind: feature
section: "FEATURE"
title: "$title"
standfirst: "The standfirst: one or two sentences between the title and the text that tell
  the reader what the article is about."
byline: {name: Name Surname, role: Position of the author}
pages: 2
columns: 2
---

A feature opens with a drop cap on its first paragraph and runs in two justified,
hyphenated columns. Replace this text with the article; the proof tells you how well it
fits its two pages (`pages:` above) and how many words to cut or add.

## A subhead

Subheads start with two hash marks and keep with the paragraph after them. *Italic* and
**bold** are written with one and two asterisks.

::: pullquote
A pull quote repeats a sentence of the text, set large between rules
:::

A pull quote is typed in normal case; the design sets it in capitals. Place it near the
sentence it repeats.

::: sidebar A sidebar
A sidebar is a tinted box with a title (written after the word sidebar). Its paragraphs
are set like body text; it may hold a table, and a chart (open and close the sidebar with
four colons then):

| Year | Forums |
|------|-------:|
| 2023 | 12 |
:::

::: figure images/sample.jpg page
alt: What the picture shows, said in words for readers who cannot see it
A figure: the path after the word figure, then where it goes (column, the default; page:
across the type area, as here; bleed: a page of its own), the caption as its text, a line
starting with alt: that says what the picture shows (the screen edition reads it out), and
a last line starting with Photo: for the credit. Replace images/sample.jpg with the real
picture (300 ppi at its printed size).
Photo: Name of the photographer
:::

::: stats
2 000 000 | volunteers
1 000 000 | services a year
:::

A list follows the paragraph that introduces it:

- a bulleted item starts with a hyphen and a space; its wrapped lines align with its text
- a numbered list starts with 1. and nests by indenting its items
  1. like this

::: table column
| Year | Volunteers | Share |
|------|-----------:|------:|
| 2022 | 1 800 000 | 12.5 % |
| 2023 | 2 000 000 | 14 % |

Table: A table of pipe-separated cells (column wide; page: across the type area)
Source: where its numbers come from
:::

A note is called with a label in brackets[^1]. A link prints its text and its address:
[the issue format](https://example.org/format). H~2~O and m^2^ are set smaller.

::: chart column Volunteers by year
Unit: thousands
2021 | 1 600
2022 | 1 800
2023 | 2 000
:::

The article ends here. Delete any element you do not need.

[^1]: The note is printed at the end of the article, numbered as its call.
"""

KIND = Kind(
    name="feature",
    summary=("a long read: kicker, title, standfirst and byline in the opener, a "
             "drop cap, 2 or 3 justified columns"),
    story="layout.compose.kinds.feature:story",
    keys=("title", "section", "standfirst", "byline", "columns", "dropcap", "picture_space"),
    defaults={"columns": 2, "dropcap": True},
    template=TEMPLATE,
)
