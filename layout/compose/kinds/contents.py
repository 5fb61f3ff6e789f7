"""Contents: generated from the flatplan, with each article's real first page."""

from __future__ import annotations

from reportlab.platypus import Spacer, Table, TableStyle

from layout.compose import opener
from layout.compose.tagging import Tag, Tagged


def story(kit, grid, page):
    theme, colours = kit.theme, kit.colours
    entries = []
    columns = theme.count("contents.columns")
    column = grid.column_width(columns, page)
    number_width = theme.pt("contents.number_width")
    for article in kit.articles:
        if article.kind in ("cover", "contents"):
            continue
        cell = []
        if article.section:
            cell.append(kit.para(article.section.upper(), "contents-section"))
        cell.append(kit.para(article.title, "contents-title"))
        who = article.speaker or (article.byline.name if article.byline else "")
        if who:
            cell.append(kit.para(who, "byline-role"))
        number = kit.para(str(kit.starts[article.slug]), "contents-number")
        entry = Table([[number, cell]], colWidths=[number_width, column - number_width],
                      hAlign="LEFT")
        entry.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), theme.pt("contents.padding_above")),
            ("BOTTOMPADDING", (0, 0), (-1, -1), theme.pt("contents.padding_below")),
            ("LINEABOVE", (0, 0), (-1, 0), theme.pt("contents.rule"), colours.gold),
            ("FONTNAME", (0, 0), (-1, -1), theme.font("body.font")),  # else Helvetica leaks in
        ]))
        # one contents item, all of it a link to the article; heard as its parts apart
        # (the page's pieces are separate paragraphs: read together they would run on)
        heard = [str(kit.starts[article.slug]), article.section.upper(), article.title, who]
        link = Tag("Link", link=f"article:{article.slug}", absorb=True,
                   actual=", ".join(x for x in heard if x))
        entries.append(Tagged(Tagged(entry, link), Tag("TOCI")))
    heading = kit.para(kit.article.title, "contents-heading")
    toc = Tag("TOC")
    return [heading, Spacer(1, theme.pt("contents.title_space")),
            *(Tagged(part, toc) for part in opener.in_columns(kit, entries, columns, grid))]
