"""Text styles and colours, built once per theme and language from the design values."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.colors import CMYKColor

from layout.style.theme import STYLES, Theme, face_name


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


@dataclass(frozen=True)
class TextStyle:
    """How a paragraph is set: its family's four faces, size, leading, colour, alignment."""

    name: str
    faces: tuple[str, str, str, str]  # regular, bold, italic, bold italic of the family
    size: float
    leading: float
    colour: CMYKColor
    bold: bool = False  # the style's own weight and slant; runs may add to them
    italic: bool = False
    align: str = "left"  # justify | left | center | right
    indent: float = 0.0  # of the first line
    language: str = "en"
    hyphenate: bool = False
    total_fit: bool = True  # False: first fit, each line as full as it can be
    expansion: float = 0.0  # justified lines: glyphs set up to this share wider or narrower
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False

    def face(self, bold: bool = False, italic: bool = False) -> str:
        """The face for a run that is (also) bold and/or italic."""
        return self.faces[(self.bold or bold) + 2 * (self.italic or italic)]

    def but(self, **changes) -> TextStyle:
        """The same style with some values changed."""
        return replace(self, **changes)


def text_styles(theme: Theme, language: str, kind: str) -> dict[str, TextStyle]:
    """Every text style the templates use, hyphenated by the article's language.

    Letters set their body larger (theme: letter.size, letter.leading).
    """
    colours = palette(theme)
    size, leading = theme.pt("body.size"), theme.pt("body.leading")
    if kind == "letter":
        size, leading = theme.pt("letter.size"), theme.pt("letter.leading")
    total_fit = bool(theme.value("body.total_fit"))

    def style(name: str, font_key: str | None = None, size_key: str | None = None,
              leading_key: str | None = None, **kw) -> TextStyle:
        family, bold, italic = theme.face(font_key or "body.font")
        values = dict(faces=tuple(face_name(family, s) for s in STYLES), size=size,
                      leading=leading, colour=colours.text, bold=bold, italic=italic,
                      language=language, total_fit=total_fit)
        if size_key:
            values["size"] = theme.pt(size_key)
        if leading_key:
            values["leading"] = theme.pt(leading_key)
        values.update(kw)
        return TextStyle(name, **values)

    justified = dict(align="justify", hyphenate=True,
                     expansion=theme.number("body.glyph_scaling") / 100)
    body_indent = theme.pt("body.indent", em=size)
    sidebar_size = theme.pt("sidebar.size")
    styles = [
        style("body", indent=body_indent, **justified),
        style("body-first", **justified),
        style("title", "title.font", "title.size", "title.leading",
              space_after=theme.pt("title.space_after")),
        style("title-short", "title.font", "title.size_short", "title.leading_short",
              space_after=theme.pt("title.space_after")),
        style("speaker", "speaker.font", "speaker.size", "speaker.leading",
              colour=colours.accent),
        style("standfirst", "standfirst.font", "standfirst.size", "standfirst.leading",
              space_after=theme.pt("standfirst.space_after")),
        style("byline", "byline.font", "byline.size", "byline.leading"),
        style("byline-role", "byline.role_font", "byline.role_size", "byline.leading",
              colour=colours.muted),
        style("subhead", "subhead.font", "subhead.size", "subhead.leading",
              space_before=theme.pt("subhead.space_before"), keep_with_next=True,
              colour=colours.accent_small),
        style("pullquote", "pullquote.font", "pullquote.size", "pullquote.leading",
              colour=colours.accent),
        style("sidebar-title", "sidebar.title_font", "sidebar.title_size",
              leading=theme.pt("sidebar.leading") * 1.2, space_after=4,
              colour=colours.accent_small),
        style("sidebar", "sidebar.font", "sidebar.size", "sidebar.leading",
              indent=theme.pt("body.indent", em=sidebar_size), **justified),
        style("question", "question.font", "question.size", "question.leading",
              space_before=theme.pt("question.space_before"), keep_with_next=True,
              colour=colours.accent_small),
        style("respondent-name", "respondent.name_font", "respondent.name_size",
              leading=theme.pt("respondent.leading") * 1.2),
        style("respondent-detail", "respondent.detail_font", "respondent.detail_size",
              "respondent.leading", colour=colours.muted),
        style("salutation", "salutation.font", "salutation.size", "salutation.leading",
              colour=colours.accent, space_after=theme.pt("body.leading")),
        style("caption", "caption.font", "caption.size", "caption.leading"),
        style("credit", "caption.credit_font", "caption.credit_size", "caption.leading",
              colour=colours.muted),
        style("stats-label", "stats.label_font", "stats.label_size", "stats.label_leading"),
        style("signature", "signature.font", "signature.size", "signature.leading"),
        style("cover-line", "cover.line_font", "cover.line_size", "cover.line_leading"),
        style("contents-number", "folio.font", "contents.number_size",
              "contents.number_size", colour=colours.accent),
        style("contents-section", "kicker.font", "kicker.size",
              leading=theme.pt("kicker.size") * 1.4, colour=colours.muted),
        style("contents-title", "title.font", "contents.entry_size", "contents.entry_leading"),
    ]
    return {s.name: s for s in styles}
