"""Paragraph styles, built once per theme and language from the design values."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from layout.style.theme import Theme


@dataclass
class Palette:
    text: CMYKColor
    accent: CMYKColor
    accent_small: CMYKColor  # one ink: small type in three inks fringes on press
    gold: CMYKColor
    tint: CMYKColor
    muted: CMYKColor
    paper: CMYKColor


def palette(theme: Theme) -> Palette:
    """The theme's named colours."""
    return Palette(*(theme.colour(n) for n in ("text", "accent", "accent_small", "gold", "tint",
                                                "muted", "paper")))


def paragraph_styles(theme: Theme, language: str, kind: str) -> dict[str, ParagraphStyle]:
    """Every paragraph style the templates use, hyphenated for the article's language.

    Letters set their body larger (theme: letter.size, letter.leading).
    """
    colours = palette(theme)
    total_fit = bool(theme.value("body.total_fit"))
    # with total fit our own breaker inserts the hyphenation points (all three languages)
    hyphenation = "" if total_fit else theme.value("body.language_hyphenation").get(language, "")
    justified = dict(alignment=TA_JUSTIFY, hyphenationLang=hyphenation, total_fit=total_fit,
                     language=language, spaceShrinkage=0 if total_fit else 0.05)
    size, leading = theme.pt("body.size"), theme.pt("body.leading")
    if kind == "letter":
        size, leading = theme.pt("letter.size"), theme.pt("letter.leading")

    def style(name: str, **kw) -> ParagraphStyle:
        base = dict(fontName=theme.font("body.font"), fontSize=size, leading=leading,
                    textColor=colours.text, alignment=TA_LEFT, allowWidows=0, allowOrphans=0,
                    splitLongWords=1, hyphenationLang="", embeddedHyphenation=1,
                    uriWasteReduce=0.3)
        base.update(kw)
        return ParagraphStyle(name, **base)

    body = style("body", firstLineIndent=theme.pt("body.indent", em=size), **justified)
    styles = {
        "body": body,
        "body-first": style("body-first", **justified),
        "title": style("title", fontName=theme.font("title.font"),
                       fontSize=theme.pt("title.size"), leading=theme.pt("title.leading"),
                       spaceAfter=theme.pt("title.space_after")),
        "title-short": style("title-short", fontName=theme.font("title.font"),
                             fontSize=theme.pt("title.size_short"),
                             leading=theme.pt("title.leading_short"),
                             spaceAfter=theme.pt("title.space_after")),
        "speaker": style("speaker", fontName=theme.font("speaker.font"),
                         fontSize=theme.pt("speaker.size"), leading=theme.pt("speaker.leading"),
                         textColor=colours.accent),
        "standfirst": style("standfirst", fontName=theme.font("standfirst.font"),
                            fontSize=theme.pt("standfirst.size"),
                            leading=theme.pt("standfirst.leading"),
                            spaceAfter=theme.pt("standfirst.space_after")),
        "byline": style("byline", fontName=theme.font("byline.font"),
                        fontSize=theme.pt("byline.size"), leading=theme.pt("byline.leading")),
        "byline-role": style("byline-role", fontName=theme.font("byline.role_font"),
                             fontSize=theme.pt("byline.role_size"),
                             leading=theme.pt("byline.leading"), textColor=colours.muted),
        "subhead": style("subhead", fontName=theme.font("subhead.font"),
                         fontSize=theme.pt("subhead.size"), leading=theme.pt("subhead.leading"),
                         spaceBefore=theme.pt("subhead.space_before"), keepWithNext=1,
                         textColor=colours.accent_small),
        "pullquote": style("pullquote", fontName=theme.font("pullquote.font"),
                           fontSize=theme.pt("pullquote.size"),
                           leading=theme.pt("pullquote.leading"), textColor=colours.accent),
        "sidebar-title": style("sidebar-title", fontName=theme.font("sidebar.title_font"),
                               fontSize=theme.pt("sidebar.title_size"),
                               leading=theme.pt("sidebar.leading") * 1.2, spaceAfter=4,
                               textColor=colours.accent_small),
        "sidebar": style("sidebar", fontName=theme.font("sidebar.font"),
                         fontSize=theme.pt("sidebar.size"), leading=theme.pt("sidebar.leading"),
                         firstLineIndent=theme.pt("body.indent", em=theme.pt("sidebar.size")),
                         **justified),
        "question": style("question", fontName=theme.font("question.font"),
                          fontSize=theme.pt("question.size"), leading=theme.pt("question.leading"),
                          spaceBefore=theme.pt("question.space_before"), keepWithNext=1,
                          textColor=colours.accent_small, hyphenationLang=hyphenation),
        "respondent-name": style("respondent-name", fontName=theme.font("respondent.name_font"),
                                 fontSize=theme.pt("respondent.name_size"),
                                 leading=theme.pt("respondent.leading") * 1.2),
        "respondent-detail": style("respondent-detail",
                                   fontName=theme.font("respondent.detail_font"),
                                   fontSize=theme.pt("respondent.detail_size"),
                                   leading=theme.pt("respondent.leading"),
                                   textColor=colours.muted),
        "salutation": style("salutation", fontName=theme.font("salutation.font"),
                            fontSize=theme.pt("salutation.size"),
                            leading=theme.pt("salutation.leading"), textColor=colours.accent,
                            spaceAfter=theme.pt("body.leading")),
        "caption": style("caption", fontName=theme.font("caption.font"),
                         fontSize=theme.pt("caption.size"), leading=theme.pt("caption.leading")),
        "credit": style("credit", fontName=theme.font("caption.credit_font"),
                        fontSize=theme.pt("caption.credit_size"),
                        leading=theme.pt("caption.leading"), textColor=colours.muted),
        "stats-label": style("stats-label", fontName=theme.font("stats.label_font"),
                             fontSize=theme.pt("stats.label_size"),
                             leading=theme.pt("stats.label_leading")),
        "signature": style("signature", fontName=theme.font("signature.font"),
                           fontSize=theme.pt("signature.size"),
                           leading=theme.pt("signature.leading")),
        "cover-line": style("cover-line", fontName=theme.font("cover.line_font"),
                            fontSize=theme.pt("cover.line_size"),
                            leading=theme.pt("cover.line_leading")),
        "contents-number": style("contents-number", fontName=theme.font("folio.font"),
                                 fontSize=theme.pt("contents.number_size"),
                                 leading=theme.pt("contents.number_size"),
                                 textColor=colours.accent),
        "contents-section": style("contents-section", fontName=theme.font("kicker.font"),
                                  fontSize=theme.pt("kicker.size"),
                                  leading=theme.pt("kicker.size") * 1.4, textColor=colours.muted),
        "contents-title": style("contents-title", fontName=theme.font("title.font"),
                                fontSize=theme.pt("contents.entry_size"),
                                leading=theme.pt("contents.entry_leading"),
                                embeddedHyphenation=0),  # keep names like Kassym-Jomart whole
    }
    return styles
