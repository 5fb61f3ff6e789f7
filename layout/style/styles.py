"""Text styles and colours, built once per theme and language from the design values."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.colors import CMYKColor

from layout.style.theme import STYLES, Theme, face_name
from layout.style.typesetting import Setting, setting


@dataclass
class Palette:
    text: CMYKColor
    accent: CMYKColor
    accent_small: CMYKColor  # one ink: small type in three inks fringes on press
    gold: CMYKColor
    gold_small: CMYKColor  # one ink: the kicker's slashes
    tint: CMYKColor
    muted: CMYKColor
    paper: CMYKColor


def palette(theme: Theme) -> Palette:
    """The theme's named colours."""
    return Palette(*(theme.colour(n) for n in ("text", "accent", "accent_small", "gold",
                                                "gold_small", "tint",
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
    orphans: int = 2  # fewest lines left at the foot of a column (theme: body.orphans)
    widows: int = 2  # fewest lines carried to the head of the next (theme: body.widows)
    setting: Setting | None = None  # spaces, hyphenation, penalties (None: the house design)

    def face(self, bold: bool = False, italic: bool = False) -> str:
        """The face for a run that is (also) bold and/or italic."""
        return self.faces[(self.bold or bold) + 2 * (self.italic or italic)]


def text_styles(theme: Theme, language: str, body_group: str = "body") -> dict[str, TextStyle]:
    """Every text style the templates use, hyphenated by the article's language.

    The body is set in the size and leading of the theme's `body_group` (its kind's: letters
    are set larger, in letter.size and letter.leading).
    """
    colours = palette(theme)
    size, leading = theme.pt(f"{body_group}.size"), theme.pt(f"{body_group}.leading")
    common = dict(language=language, total_fit=theme.flag("body.total_fit"),
                  orphans=theme.count("body.orphans"), widows=theme.count("body.widows"),
                  setting=setting(theme, language))

    def style(name: str, font: str = "", size_key: str = "", leading_key: str = "",
              **kw) -> TextStyle:
        """A style in the face, size and leading of these theme keys (a key without a group
        is taken from the group of `font`); the body's when none is given."""
        group = font.partition(".")[0]

        def full(key: str) -> str:
            return key if "." in key else f"{group}.{key}"

        family, bold, italic = theme.face(full(font) if font else "body.font")
        values = dict(faces=tuple(face_name(family, s) for s in STYLES), bold=bold,
                      italic=italic, colour=colours.text, **common)
        values["size"] = theme.pt(full(size_key or "size")) if font else size
        values["leading"] = theme.pt(full(leading_key or "leading")) if font else leading
        values.update(kw)
        return TextStyle(name, **values)

    justified = dict(align="justify", hyphenate=True,
                     expansion=theme.share("justification.glyph_scaling"))
    body_indent = theme.pt("body.indent", em=size)
    sidebar_size = theme.pt("sidebar.size")
    styles = [
        style("body", indent=body_indent, **justified),
        style("body-first", **justified),
        style("title", "title.font", space_after=theme.pt("title.space_after")),
        style("title-short", "title.font", "size_short", "leading_short",
              space_after=theme.pt("title.space_after")),
        style("speaker", "speaker.font", colour=colours.accent),
        style("standfirst", "standfirst.font", space_after=theme.pt("standfirst.space_after")),
        style("byline", "byline.font"),
        style("byline-role", "byline.role_font", "role_size", colour=colours.muted),
        style("subhead", "subhead.font", space_before=theme.pt("subhead.space_before"),
              keep_with_next=True, colour=colours.accent_small),
        style("pullquote", "pullquote.font", colour=colours.accent),
        style("sidebar-title", "sidebar.title_font", "title_size", "title_leading",
              space_after=theme.pt("sidebar.title_space_after"), colour=colours.accent_small),
        style("sidebar", "sidebar.font", indent=theme.pt("body.indent", em=sidebar_size),
              **justified),
        style("question", "question.font", space_before=theme.pt("question.space_before"),
              keep_with_next=True, colour=colours.accent_small),
        style("respondent-name", "respondent.name_font", "name_size", "name_leading"),
        style("respondent-detail", "respondent.detail_font", "detail_size",
              colour=colours.muted),
        style("salutation", "salutation.font", colour=colours.accent,
              space_after=theme.pt("salutation.space_after")),
        style("caption", "caption.font"),
        style("credit", "caption.credit_font", "credit_size", colour=colours.muted),
        style("stats-label", "stats.label_font", "label_size", "label_leading"),
        style("signature", "signature.font"),
        style("cover-line", "cover.line_font", "line_size", "line_leading"),
        style("cover-story", "cover.story_font", "story_size", "story_leading"),
        style("colophon", "colophon.font"),
        style("colophon-label", "colophon.label_font", "label_size", "leading",
              space_before=theme.pt("colophon.space"), keep_with_next=True,
              colour=colours.muted),
        style("contents-heading", "title.font", "contents.title_size",
              "contents.title_leading", space_after=theme.pt("title.space_after")),
        style("contents-number", "contents.number_font", "number_size", "number_size",
              colour=colours.accent),
        style("contents-section", "contents.section_font", "section_size", "section_leading",
              colour=colours.muted),
        style("contents-title", "contents.entry_font", "entry_size", "entry_leading"),
        style("section-opener-title", "title.font", "section_opener.title_size",
              "section_opener.title_leading"),
    ]
    list_align = theme.text("list.align")
    list_style = style("list", **(justified if list_align == "justify" else {}))
    marker_family, _, _ = theme.face("list.marker_font")
    styles += [
        list_style,
        replace(list_style, name="list-marker", faces=tuple(face_name(marker_family, s)
                                                            for s in STYLES),
                colour=theme.colour(theme.text("list.marker_colour")), align="right",
                hyphenate=False, expansion=0.0, bold=theme.face("list.marker_font")[1],
                italic=theme.face("list.marker_font")[2]),
        style("note", "notes.font", **justified),
        style("note-heading", "notes.font", bold=True, keep_with_next=True,
              colour=colours.accent_small),
        style("note-marker", "notes.font", align="right"),
        style("table", "table.font", hyphenate=True),
        style("table-head", "table.header_font", hyphenate=True),
        style("chart", "chart.font"),
        style("chart-centre", "chart.font", align="center"),
        style("chart-value", "chart.font"),
        style("chart-title", "chart.title_font", "title_size", "title_leading"),
    ]
    return {s.name: s for s in styles}


def run_forward(styles: dict[str, TextStyle], credit: float) -> dict[str, TextStyle]:
    """The styles with every justified paragraph set to more lines where its spacing allows
    (each line earns `credit` demerits): what a make-up editor asks of an article that leaves
    a quarter of its last page or more empty (driving the copy out)."""
    from dataclasses import replace

    return {name: replace(style, setting=replace(style.setting, line_credit=credit))
            if style.setting is not None and style.align == "justify" else style
            for name, style in styles.items()}


def run_back(styles: dict[str, TextStyle], line_penalty: float) -> dict[str, TextStyle]:
    """The styles with every justified paragraph set to as few lines as its spacing allows
    (each line costs `line_penalty`): what a make-up editor asks of an article a few lines
    too long."""
    from dataclasses import replace

    return {name: replace(style, setting=replace(style.setting, line_penalty=line_penalty))
            if style.setting is not None and style.align == "justify" else style
            for name, style in styles.items()}
