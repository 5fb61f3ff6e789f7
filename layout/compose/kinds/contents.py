"""Contents: generated from the flatplan, with each article's real first page."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from layout.compose import opener
from layout.compose.markup import plain


def story(kit, grid, page):
    theme, colours = kit.theme, kit.colours
    number_style = ParagraphStyle("contents-number", fontName=theme.font("folio.font"),
                                  fontSize=theme.pt("contents.number_size"),
                                  leading=theme.pt("contents.number_size"),
                                  textColor=colours.accent)
    section_style = ParagraphStyle("contents-section", fontName=theme.font("kicker.font"),
                                   fontSize=theme.pt("kicker.size"),
                                   leading=theme.pt("kicker.size") * 1.4, textColor=colours.muted)
    title_style = ParagraphStyle("contents-title", fontName=theme.font("title.font"),
                                 fontSize=theme.pt("contents.entry_size"),
                                 leading=theme.pt("contents.entry_leading"),
                                 textColor=colours.text)
    who_style = ParagraphStyle("contents-who", fontName=theme.font("byline.role_font"),
                               fontSize=theme.pt("byline.role_size"),
                               leading=theme.pt("byline.leading"), textColor=colours.muted)
    entries = []
    column = grid.column_width(2, page)
    number_width = theme.pt("contents.number_size") * 2
    for article in kit.articles:
        if article.kind in ("cover", "contents"):
            continue
        cell = []
        if article.section:
            cell.append(Paragraph(plain(article.section.upper()), section_style))
        cell.append(Paragraph(plain(article.title), title_style))
        who = article.speaker or (article.byline.name if article.byline else "")
        if who:
            cell.append(Paragraph(plain(who), who_style))
        number = Paragraph(str(kit.starts[article.slug]), number_style)
        entry = Table([[number, cell]], colWidths=[number_width, column - number_width],
                      hAlign="LEFT")
        entry.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LINEABOVE", (0, 0), (-1, 0), 0.5, colours.gold),
            ("FONTNAME", (0, 0), (-1, -1), theme.font("body.font")),  # else Helvetica leaks in
        ]))
        entries.append(entry)
    return [opener.title(kit), Spacer(1, grid.leading),
            *opener.in_columns(entries, 2, grid)]
