"""The theme's schema: every design value the templates read, in one table.

Each key has its type and unit, its range, its default (the house design, or the key it
follows: a subhead is set at the body's size unless the theme says otherwise) and what it
changes on the page. `theme.py` checks a theme against this table, and `docs/theme.md` is
written from it (`python -m layout.style.theme_doc`), so the three never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

# what each type of value is, as the documentation says it
TYPES = {
    "length": "a length with its unit: `9.5pt`, `3mm`",
    "size": "a type size: `9.5pt`",
    "colour": "CMYK in percent: `[80, 0, 15, 5]`",
    "face": "a family of `fonts:` and a style: `serif`, `sans-bold`, `serif-italic`",
    "count": "a whole number",
    "number": "a number",
    "percent": "a percentage: `2%`",
    "share": "a share: `100%`, `1/3`, `0.5`",
    "flag": "`true` or `false`",
    "text": "text in quotes",
    "languages": "a value per language: `{en: 3, ru: 2, kk: 2}`",
}
LANGUAGES = ("en", "ru", "kk")
STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class Key:
    """One design value: its type, what it changes, its default and its range."""

    name: str  # "group.key"
    type: str  # one of TYPES
    doc: str  # what it changes on the page
    default: object = None  # as written in theme.yaml; None when it follows another key
    follows: str = ""  # when not set: this key's value …
    times: float = 1.0  # … times this …
    plus: float = 0.0  # … plus this many points
    low: float | None = None  # the range, in points for lengths
    high: float | None = None
    em: str = ""  # lengths: the size an `em` is of ("" : em not allowed)
    unit: str = ""  # what a count or number counts, for the documentation

    @property
    def group(self) -> str:
        return self.name.split(".")[0]

    def shown(self, value: float) -> str:
        """A value of this key as a designer writes it: sizes in pt, lengths in whole points
        when short, else in mm; shares and percentages in %."""
        if self.type == "size" or (self.type == "length" and 0 < value < 30
                                   and value == round(value)):
            return f"{value:g}pt"
        if self.type == "length":
            return f"{round(value / MM, 2):g}mm" if value else "0"
        if self.type == "share":
            return f"{value * 100:g}%"
        if self.type == "percent":
            return f"{value:g}%"
        return f"{value:g}"


MM = 72 / 25.4


def _size(name, doc, default=None, **kw):
    return Key(name, "size", doc, default, low=4.0, high=200.0, **kw)


def _length(name, doc, default=None, low=0.0, high=300 * MM, **kw):
    return Key(name, "length", doc, default, low=low, high=high, **kw)


def _face(name, doc, default=None, **kw):
    return Key(name, "face", doc, default, **kw)


def _colour(name, doc, default):
    return Key(name, "colour", doc, default)


def _share(name, doc, default=None, low=0.0, high=1.0, **kw):
    return Key(name, "share", doc, default, low=low, high=high, **kw)


def _count(name, doc, default, low, high, unit="", **kw):
    return Key(name, "count", doc, default, low=low, high=high, unit=unit, **kw)


def _demerits(name, doc, default):
    return Key(name, "number", doc, default, low=0.0, high=1e9, unit="demerits")


def _line(name, doc, times=1.0):
    """A space that follows the body's leading (a line of body text, or a share of one)."""
    return _length(name, doc, follows="body.leading", times=times)


SCHEMA: tuple[Key, ...] = (
    # -- colours
    _colour("colours.text", "body text, headlines, captions (100 K only: no rich black in "
            "small type)", [0, 0, 0, 100]),
    _colour("colours.accent", "the accent: the cover's colour field, drop caps, pull quotes, "
            "speakers, salutations, stats figures, page numbers, subheads, questions",
            [80, 0, 15, 5]),
    _colour("colours.accent_small", "the accent in one ink for type under 12 pt (folios, "
            "subheads, questions, sidebar titles): three inks fringe on press", [100, 0, 0, 0]),
    _colour("colours.gold", "the second accent: rules, stat bars, bands",
            [0, 25, 100, 0]),
    _colour("colours.gold_small", "the gold for type under 12 pt (the kicker's slashes): one "
            "ink, or the build warns (two inks fringe on press)", [0, 0, 100, 0]),
    _colour("colours.tint", "the ground of sidebars, respondent cards and stats",
            [14, 0, 3, 1]),
    _colour("colours.muted", "roles, credits, folio text, contents sections", [0, 0, 0, 65]),
    _colour("colours.paper", "type reversed out of colour (masthead), a bleed caption's box",
            [0, 0, 0, 0]),
    _colour("colours.field", "the field behind text set over a photograph: a photo opener's "
            "title, cover lines on a cover photo, a full-page picture's caption", [0, 0, 0, 0]),
    # -- grid
    _length("grid.margin_inner", "margin at the spine (mirrored on facing pages)", "18mm"),
    _length("grid.margin_outer", "margin at the fore-edge", "15mm"),
    _length("grid.margin_head", "margin above the type area", "20mm"),
    _length("grid.margin_foot", "margin below the type area (the folio sits in it)", "22mm"),
    _length("grid.gutter", "space between columns", "5mm"),
    _length("grid.safe_area", "text and folios stay at least this far inside the trim", "5mm"),
    _length("grid.opener_depth", "where the body starts on an article's first page, below "
            "kicker, title, standfirst and byline", "56mm"),
    _length("grid.opener_max", "an opener deeper than this is reported ('headline too long "
            "for its slot')", "150mm"),
    # -- body
    _face("body.font", "body text (and the font every page starts in)", "serif"),
    _size("body.size", "body text; subheads, questions and captions follow it", "9.5pt"),
    _length("body.leading", "baseline to baseline of body text: the baseline grid; the "
            "spaces around elements follow it", "13pt", low=4.0),
    _length("body.indent", "first-line indent of a paragraph after another (not after a "
            "heading)", "1em", em="body.size"),
    Key("body.total_fit", "flag", "choose each paragraph's line breaks together (Knuth–Plass); "
        "false: each line as full as it can be (first fit), for comparison", True),
    _count("body.orphans", "fewest lines of a paragraph left at the foot of a column", 2, 1, 5,
           "lines"),
    _count("body.widows", "fewest lines of a paragraph carried to the head of the next column",
           2, 1, 5, "lines"),
    _count("body.start_lines", "lines of room the body needs to start under something on a "
           "page; with less it starts on the next page", 3, 1, 20, "lines"),
    # -- justification
    _share("justification.word_stretch", "how much wider than its natural width a word space "
           "may grow in a justified line before the line counts as loose", "60%", high=10.0),
    _share("justification.word_shrink", "how much of a word space a tight justified line may "
           "take away", "50%", high=0.9),
    Key("justification.glyph_scaling", "percent", "how much wider or narrower a justified "
        "line may set its glyphs (font expansion, drawn as a horizontal scale): they take "
        "its spare room first, its word spaces the rest (0%: off)", "2%", low=0.0, high=5.0),
    Key("justification.glyph_scaling_step", "percent", "glyph scaling is set in steps of "
        "this (0%: any amount); the word spaces take what a step leaves", "0.5%", low=0.0,
        high=5.0),
    _length("justification.ragged", "how far short of the measure a ragged-right line may "
            "fall at no more cost than a loose justified one", "3em", em="the text's size"),
    # -- protrusion (hanging punctuation)
    _share("protrusion.hyphen", "how much of a hyphen's width (typed, or of a hyphenation) "
           "hangs past the right edge of a justified line it ends", "70%"),
    _share("protrusion.en_dash", "how much of an en dash (–) hangs past the edge of a "
           "justified line it ends or starts", "20%"),
    _share("protrusion.em_dash", "how much of an em dash (—) hangs past the edge of a "
           "justified line it ends or starts", "15%"),
    _share("protrusion.period", "how much of a full stop (. …) hangs past the right edge of "
           "a justified line", "70%"),
    _share("protrusion.comma", "how much of a comma hangs past the right edge of a justified "
           "line", "70%"),
    _share("protrusion.colon", "how much of a colon or semicolon hangs past the right edge "
           "of a justified line", "50%"),
    _share("protrusion.quotes", "how much of a quotation mark (“ ” „ ‘ ’ \" ') hangs past "
           "the edge of a justified line it starts or ends", "40%"),
    _share("protrusion.guillemets", "how much of a guillemet (« » ‹ ›) hangs past the edge "
           "of a justified line it starts or ends", "20%"),
    # -- hyphenation
    _count("hyphenation.min_word", "shortest word (in letters) that is hyphenated", 5, 2, 20,
           "letters"),
    Key("hyphenation.min_left", "languages", "fewest letters before a hyphen, per language",
        {"en": 2, "ru": 2, "kk": 2}, low=1, high=6, unit="letters"),
    Key("hyphenation.min_right", "languages", "fewest letters carried after a hyphen, per "
        "language", {"en": 3, "ru": 2, "kk": 2}, low=1, high=6, unit="letters"),
    Key("hyphenation.dictionaries", "languages", "the pyphen dictionary of each language "
        "(Kazakh is hyphenated by syllable rules)", {"en": "en_GB", "ru": "ru_RU"},
        unit="dictionary"),
    # -- line breaking (total fit)
    _demerits("line_breaking.hyphen", "cost of ending a line with a hyphenated word", 200),
    _demerits("line_breaking.explicit_hyphen", "cost of ending a line after a typed hyphen, a "
              "dash or a slash", 50),
    _demerits("line_breaking.address", "cost of breaking a web or e-mail address or a path",
              80),
    _demerits("line_breaking.inside_compound", "cost of hyphenating a part of a typed compound "
              "(Усть-Камено-горск): taken only when nothing else sets the paragraph", 3000),
    _demerits("line_breaking.emergency", "cost of breaking a word too wide for the line at "
              "any letter", 2000),
    _demerits("line_breaking.double_hyphen", "extra cost of two hyphenated lines in a row",
              300_000),
    _demerits("line_breaking.ladder", "extra cost of a third hyphenated line in a row", 50_000_000),
    _demerits("line_breaking.final_hyphen", "extra cost of a hyphen on the next-to-last line",
              8000),
    _demerits("line_breaking.adjacent", "extra cost of a very loose line beside a tight one",
              10_000),
    Key("line_breaking.tolerance", "number", "how loose a line may be on the first try (the "
        "adjustment ratio of its spaces)", 4.2, low=0.1, high=100.0),
    Key("line_breaking.line", "number", "cost of each line: fewer lines, all else equal", 10,
        low=0.0, high=1000.0, unit="demerits"),
    Key("line_breaking.run_forward", "number", "demerits each line earns when an article "
        "leaves a quarter of its last page or more empty and is set again with its paragraphs "
        "as long as their spacing allows (kept if it still fits its pages)", 100000, low=0.0,
        high=1e9, unit="demerits"),
    Key("line_breaking.run_back", "number", "cost of each line when an article runs past its "
        "allotment and is set again with its paragraphs as short as their spacing allows",
        300, low=0.0, high=10000.0, unit="demerits"),
    # -- letter
    _size("letter.size", "letters' body text (they are read as addresses: larger)", "10.5pt"),
    _length("letter.leading", "letters' body leading", "15pt", low=4.0),
    # -- title
    _face("title.font", "headlines", "sans-bold"),
    _size("title.size", "headlines of articles of two pages or more", "30pt"),
    _length("title.leading", "their leading", "33pt", low=4.0),
    _size("title.size_short", "headlines of one-page items and letters", "26pt"),
    _length("title.leading_short", "their leading", "29pt", low=4.0),
    _length("title.space_after", "space under a headline", "10pt"),
    # -- kicker
    _face("kicker.font", "the running section kicker at the head of each page", "sans-bold"),
    _size("kicker.size", "its size (set in capitals)", "8pt"),
    _length("kicker.tracking", "letter-spacing of the kicker's capitals", "1.2pt"),
    Key("kicker.slashes", "text", "the mark before the section name, in colours.gold_small",
        "//////"),
    _length("kicker.gap", "space between the slashes and the section name", "0.6em",
            em="kicker.size"),
    _length("kicker.baseline_below_trim", "the kicker's baseline, measured down from the top "
            "trim edge", "12mm"),
    # -- speaker
    _face("speaker.font", "the 'Name:' label above an interview's or profile's title",
          "sans-bold"),
    _size("speaker.size", "its size", "13pt"),
    _length("speaker.leading", "its leading", "16pt", low=4.0),
    # -- standfirst
    _face("standfirst.font", "the lead between title and body", "serif-italic"),
    _size("standfirst.size", "its size", "12.5pt"),
    _length("standfirst.leading", "its leading", "17pt", low=4.0),
    Key("standfirst.width", "number", "its measure in columns of a two-column page", 1.5,
        low=1.0, high=2.0, unit="columns"),
    _length("standfirst.space_after", "space under it", "8pt"),
    # -- byline
    _face("byline.font", "the author's name in the opener", "sans-bold"),
    _size("byline.size", "its size", "9pt"),
    _length("byline.leading", "its leading (and the role's)", "12pt", low=4.0),
    _face("byline.role_font", "the author's role under the name", "sans"),
    _size("byline.role_size", "its size", "8pt"),
    # -- subhead
    _face("subhead.font", "crossheads ('## ' in the text)", "sans-bold"),
    _size("subhead.size", "their size", follows="body.size"),
    _length("subhead.leading", "their leading", follows="body.leading", low=4.0),
    _line("subhead.space_before", "space above a crosshead"),
    # -- pull quote
    _face("pullquote.font", "pull quotes (short ones set in capitals)", "sans-bold"),
    _size("pullquote.size", "their size", "13pt"),
    _length("pullquote.leading", "their leading", "17pt", low=4.0),
    _length("pullquote.rule", "weight of the gold rules above and below", "1.2pt"),
    _length("pullquote.padding", "space between the rules and the quote", "6pt"),
    _line("pullquote.space", "space above and below a pull quote"),
    _count("pullquote.caps_lines", "longest pull quote (in lines) set in capitals: a longer "
           "one is set as typed, and the proof names it", 4, 0, 50, unit="lines"),
    _count("pullquote.per_page", "most pull quotes on a page: one more floats on to a page "
           "with room for it, or the proof names it", 1, 1, 20),
    _count("pullquote.per_spread", "most pull quotes on a spread (the same)", 2, 1, 40),
    # -- sidebar
    _face("sidebar.title_font", "a sidebar's title", "sans-bold"),
    _size("sidebar.title_size", "its size", "11pt"),
    _length("sidebar.title_leading", "its leading", follows="sidebar.leading", times=1.2,
            low=4.0),
    _length("sidebar.title_space_after", "space under the title", "4pt"),
    _face("sidebar.font", "a sidebar's text", "sans"),
    _size("sidebar.size", "its size", follows="body.size", plus=-1.0),
    _length("sidebar.leading", "its leading", follows="body.leading", plus=-1.0, low=4.0),
    _length("sidebar.padding", "space inside the tinted box", "4mm"),
    _line("sidebar.space_before", "space above a sidebar"),
    _line("sidebar.space_after", "space below a sidebar"),
    Key("sidebar.table_header_tint", "text", "the header row's ground of a table inside a "
        "sidebar (on the box's own tint): a name of `colours:`", "paper", unit="colours"),
    # -- question
    _face("question.font", "interview questions", "sans-bold"),
    _size("question.size", "their size", follows="body.size"),
    _length("question.leading", "their leading", follows="body.leading", low=4.0),
    _line("question.space_before", "space above a question", times=0.5),
    # -- respondent
    _face("respondent.name_font", "a vox-pop card's name", "sans-bold"),
    _size("respondent.name_size", "its size", "11pt"),
    _length("respondent.name_leading", "its leading", follows="respondent.leading",
            times=1.2, low=4.0),
    _face("respondent.detail_font", "the card's age and role", "sans"),
    _size("respondent.detail_size", "their size", "8.5pt"),
    _length("respondent.leading", "their leading", "12pt", low=4.0),
    _length("respondent.padding", "space inside the tinted card", "3mm"),
    _length("respondent.headshot", "the side of a card's square headshot "
            "('::: respondent images/NAME.jpg')", "22mm", low=5 * MM),
    _line("respondent.space_before", "space above a card"),
    _line("respondent.space_after", "space between a card and the answer", times=0.5),
    # -- drop cap
    _face("dropcap.font", "the drop cap opening a feature, interview, profile or brief",
          "sans-bold"),
    _count("dropcap.lines", "how many lines deep it is", 3, 2, 6, "lines"),
    _length("dropcap.gap", "space between the initial and the text beside it", "2pt"),
    _length("dropcap.clearance", "least space between a descender of the initial (Қ, Д, Q) "
            "and the tallest letters of the line below it; nearer, that line is set beside "
            "the initial too", "1.5pt"),
    # -- salutation
    _face("salutation.font", "a letter's salutation ('Dear readers!')", "sans-bold"),
    _size("salutation.size", "its size", "16pt"),
    _length("salutation.leading", "its leading", "20pt", low=4.0),
    _line("salutation.space_after", "space under it"),
    # -- signature
    _face("signature.font", "a letter's closing (name, role, place, date)", "sans"),
    _size("signature.size", "its size", follows="body.size", plus=-0.5),
    _length("signature.leading", "its leading", follows="body.leading", low=4.0),
    _line("signature.space_before", "space above it"),
    _length("signature.rule", "weight of the short gold rule above it", "1pt"),
    _length("signature.rule_length", "length of that rule", "40pt"),
    _length("signature.rule_gap", "space between the rule and the name", "6pt"),
    # -- caption
    _face("caption.font", "captions of pictures and portraits", "sans"),
    _size("caption.size", "their size", follows="body.size", plus=-1.5),
    _length("caption.leading", "their leading (and the credit's)", follows="body.leading",
            plus=-2.5, low=4.0),
    _face("caption.credit_font", "a picture's credit ('Photo: …')", "sans-italic"),
    _size("caption.credit_size", "its size", follows="caption.size", plus=-1.0),
    _length("caption.gap", "space between a picture and its caption", "4pt"),
    # -- figure
    _length("figure.space", "space above and below a picture in a column", "8pt"),
    _share("figure.max_height", "tallest a picture may be, as a share of the column",
           "80%", low=0.1),
    _share("figure.portrait_max_height", "tallest a portrait may be, as a share of the column",
           "50%", low=0.1),
    _length("figure.bleed_caption_padding", "space inside the box of a full-bleed picture's "
            "caption", "6pt"),
    _length("figure.fold_clear", "a spread's focus is kept at least this far from the fold "
            "(the crop moves sideways)", "20mm"),
    _share("figure.inset_width", "an inset picture's width, as a share of its column",
           "45%", low=0.2, high=0.8),
    _length("figure.inset_standoff", "space between an inset picture and the text beside "
            "and above it", "4mm"),
    _length("figure.inset_min_beside", "narrowest text beside an inset picture (a column "
            "leaving less is an error)", "8em", em="body.size"),
    _length("figure.group_gap", "space between the photos of a group", "3mm"),
    # -- photo_opener
    _share("photo_opener.width", "the field holding the title, standfirst and byline over an "
           "opener photo, as a share of the type area", "62%", low=0.3),
    _length("photo_opener.padding", "space inside that field", "6mm"),
    _share("photo_opener.opacity", "the field's opacity (100%: solid; less is a scrim the "
           "photo shows through, transparency the RIP flattens)", "100%", low=0.2),
    # -- press
    Key("press.ink_limit", "percent", "the most ink (C + M + Y + K) a picture prints with: "
        "every picture is converted within it, after JPEG compression too, and `make pdf` "
        "warns of a page over it (ask the printer; 300% suits coated paper and the press "
        "profile, ISO Coated v2 300%)", "300%", low=200.0, high=400.0),
    # -- stats
    _face("stats.number_font", "the figures of a stats call-out", "sans-bold"),
    _size("stats.number_size", "their size", "20pt"),
    _face("stats.label_font", "what each figure counts", "sans"),
    _size("stats.label_size", "its size", "8.5pt"),
    _length("stats.label_leading", "its leading", "11pt", low=4.0),
    _length("stats.bar", "height of the bar drawn to scale under each figure", "5pt"),
    _length("stats.bar_min", "shortest bar (a small figure still shows one)", "2pt"),
    _length("stats.padding", "space inside the tinted box", "8pt"),
    _length("stats.space", "space above and below the call-out", "10pt"),
    _length("stats.row_gap", "space between two figures", "4pt"),
    _length("stats.label_gap", "space between a bar and its label, and under the label", "3pt"),
    # -- sub- and superscripts, note calls
    Key("script.font_glyphs", "flag", "set a sub- or superscript in the face's own superior "
        "and inferior glyphs (OpenType `sups`, `subs` or `sinf`) where the face has them for "
        "every character of it (H₂O, m², a note call in Noto); else, or when `false`, it is "
        "synthesised: the text's glyphs smaller, raised or lowered by the keys below", True),
    _share("script.size", "size of a synthesised sub- or superscript, as a share of its "
           "text's size", "65%", low=0.4),
    _length("script.sup_rise", "how far a synthesised superscript's baseline is raised", "0.33em",
            em="the text's size"),
    _length("script.sub_drop", "how far a synthesised subscript's baseline is lowered", "0.14em",
            em="the text's size"),
    # -- lists
    Key("list.bullets", "text", "the bullet of each level (1, 2, 3) of a bulleted list, apart "
        "by spaces", "• – ‣"),
    Key("list.numbers", "languages", "how each level of a numbered list is numbered, per "
        "language, apart by spaces: `1.` or `1)` figures, `a)` Latin letters, `а)` Russian "
        "list letters (а б в … without ё з й о ч ъ ы ь), `ә)` Kazakh letters (а ә б в г ғ "
        "…), `i.` Roman numerals, or a glyph for every item (`–`)",
        {"en": "1. a) i.", "ru": "1. а) –", "kk": "1. ә) –"}, unit="text"),
    _face("list.marker_font", "the markers (bullets and numbers)", "serif"),
    Key("list.marker_colour", "text", "the markers' colour: a name of `colours:`",
        "accent_small", unit="colours"),
    _length("list.indent", "how far an item's text stands in at each level (the hanging "
            "indent: wrapped lines align with the text, the marker hangs in it)", "1.3em",
            em="body.size"),
    _length("list.marker_gap", "space between a marker (set flush right) and its text",
            "0.4em", em="body.size"),
    Key("list.align", "text", "the items' text: `justify` (hyphenated) or `left` (ragged "
        "right)", "justify", unit="choice:justify,left"),
    _line("list.space", "space above and below a list (on the baseline grid: made up to whole "
          "lines, never less than half of it, the same above and below)", times=0.5),
    _length("list.item_space", "space between two items (made up to whole lines as "
            "`list.space`: any space is a line at least)", "0pt"),
    Key("list.keep_with_intro", "flag", "a list is kept with the paragraph before it: the "
        "first item never starts a column that paragraph does not reach into", True),
    # -- tables
    _face("table.font", "table cells", "sans"),
    _face("table.header_font", "the header row", "sans-bold"),
    _size("table.size", "their size", "8pt"),
    _length("table.leading", "their leading", "10pt", low=4.0),
    _length("table.padding", "space left and right of a cell's text", "3pt"),
    _length("table.row_padding", "space above and below a cell's text", "2pt"),
    _length("table.rule", "weight of the rules between rows (100 % K: they overprint)",
            "0.3pt", high=3.0),
    _length("table.head_rule", "weight of the rules above the header and under the table "
            "(100 % K)", "0.8pt", high=3.0),
    Key("table.header_tint", "text", "the header row's ground: a name of `colours:`", "tint",
        unit="colours"),
    _length("table.space", "space above and below a table", "8pt"),
    _length("table.min_column", "narrowest a column may be set (a table that cannot give "
            "every column this much, or its longest word, is an error)", "8mm"),
    # -- notes
    Key("notes.heading", "languages", "the heading over an article's notes", {
        "en": "Notes", "ru": "Примечания", "kk": "Ескертпелер"}, unit="text"),
    _face("notes.font", "the notes at an article's end", "serif"),
    _size("notes.size", "their size", "7.5pt"),
    _length("notes.leading", "their leading", "9.5pt", low=4.0),
    _length("notes.indent", "how far a note's text stands in from its number", "1.6em",
            em="notes.size"),
    _length("notes.space", "space above the notes (a thin rule at its middle)", "10pt"),
    # -- links
    Key("link.address", "text", "what a link `[text](address)` prints after its text: "
        "`after` (the address in parentheses), `note` (a note call after the text, the "
        "address among the article's notes, numbered with them) or `none` (the text only)",
        "after", unit="choice:after,note,none"),
    # -- charts
    _face("chart.font", "a chart's labels and values", "sans"),
    _size("chart.size", "their size", "7.5pt"),
    _length("chart.leading", "their leading", "9pt", low=4.0),
    _face("chart.title_font", "a chart's title", "sans-bold"),
    _size("chart.title_size", "its size", "9pt"),
    _length("chart.title_leading", "its leading", "11pt", low=4.0),
    _length("chart.bar", "thickness of a bar (bar charts) or width of a column (column "
            "charts) at most", "9pt"),
    _length("chart.height", "height of the plot of a column, line or pie chart", "40mm",
            low=10 * MM),
    _length("chart.line", "weight of a line chart's line", "1.2pt", high=5.0),
    _length("chart.axis", "weight of the base line and ticks (100 % K)", "0.4pt", high=3.0),
    Key("chart.colours", "text", "the colours of bars, line and slices, in turn: names of "
        "`colours:` apart by spaces", "accent gold muted text", unit="colours"),
    _length("chart.space", "space above and below a chart", "10pt"),
    # -- news
    _length("news.rule", "weight of the gold rule between two briefs", "1pt"),
    _line("news.rule_space", "space above and below that rule", times=0.5),
    # -- section opener (news with `display:`)
    _share("section_opener.baseline", "where the display word's baseline sits, as a share of "
           "the type area's height from its foot", "40%"),
    _length("section_opener.overhang", "how far the display word starts left of the type "
            "area, so that its first letter's edge aligns", "0.04em", em="the display size"),
    _length("section_opener.bar", "height of the gold bar above the display word", "4pt"),
    _share("section_opener.bar_width", "its width, as a share of the type area", "30%"),
    _length("section_opener.bar_gap", "space between the bar and the display word's capitals",
            "14pt"),
    _size("section_opener.title_size", "the title under the display word", follows="title.size",
          times=1.2),
    _length("section_opener.title_leading", "its leading", follows="title.leading", times=1.2,
            low=4.0),
    _share("section_opener.title_width", "its measure, as a share of the type area", "80%",
           low=0.2),
    _length("section_opener.title_gap", "space between the display word and the title", "30pt"),
    # -- folio
    _face("folio.font", "the page number", "sans-bold"),
    _size("folio.number_size", "its size", "10pt"),
    _face("folio.text_font", "the issue line (versos) and magazine name (rectos) beside it",
          "sans"),
    _size("folio.size", "their size (set in capitals)", "7.5pt"),
    _length("folio.tracking", "their letter-spacing", "0.6pt"),
    _length("folio.baseline_above_trim", "the folio's baseline, measured up from the bottom "
            "trim edge", "12mm"),
    _length("folio.space", "space between the page number and the issue line", "3mm"),
    # -- cover
    _face("cover.masthead_font", "the masthead across the cover", "sans-bold"),
    _share("cover.masthead_width", "the masthead's width, as a share of the type area (its "
           "size follows)", "100%", low=0.2),
    _size("cover.issue_size", "the issue line under the masthead", "13pt"),
    _length("cover.issue_drop", "from the masthead's baseline down to the issue line's",
            "2.2em", em="cover.issue_size"),
    _length("cover.field_depth", "depth of the colour field that bleeds off the top",
            "120mm"),
    _length("cover.band", "depth of the gold band under the field", "4pt"),
    _face("cover.line_font", "cover lines", "sans-bold"),
    _size("cover.line_size", "their size", "17pt"),
    _length("cover.line_leading", "their leading", "21pt", low=4.0),
    _length("cover.line_space", "from one cover line to the next (beyond the line itself)",
            follows="cover.line_leading", times=1.2),
    _face("cover.story_font", "the cover story (the cover's `title:`), above the cover lines",
          follows="title.font"),
    _size("cover.story_size", "its size", "34pt"),
    _length("cover.story_leading", "its leading", "38pt", low=4.0),
    _length("cover.story_space", "space between the cover story and the first cover line",
            "14pt"),
    _size("cover.number_size", "the page numbers beside the cover lines", "26pt"),
    _length("cover.number_indent", "where the cover line starts, right of its page number",
            "2.2em", em="cover.number_size"),
    _length("cover.lines_top", "space between the gold band and the first cover line",
            "2em", em="cover.number_size"),
    _share("cover.photo_field_opacity", "on a cover photo: the opacity of the colour field "
           "behind the masthead (100%: solid; less: a scrim, transparency the RIP flattens)",
           "100%"),
    _share("cover.photo_lines_opacity", "on a cover photo: the opacity of the field "
           "(colours.field) behind the cover lines (0: none)", "100%"),
    _length("cover.photo_lines_padding", "on a cover photo: space inside that field", "4mm"),
    # -- colophon
    _face("colophon.font", "the imprint's entries (publisher, address …)", "sans"),
    _size("colophon.size", "their size", "8.5pt"),
    _length("colophon.leading", "their leading", "12pt", low=4.0),
    _face("colophon.label_font", "the label over each entry, in capitals", "sans-bold"),
    _size("colophon.label_size", "its size", "7pt"),
    _length("colophon.space", "space above each label, and under the title", "6pt"),
    # -- barcode
    _length("barcode.module", "width of the barcode's narrowest bar (0.33mm is its nominal "
            "size; 0.26mm to 0.66mm scan)", "0.33mm", low=0.26 * MM, high=0.66 * MM),
    _length("barcode.height", "height of its bars", "20mm", low=10 * MM, high=40 * MM),
    _face("barcode.font", "the digits under the bars and the 'ISSN' line",
          follows="folio.text_font"),
    _size("barcode.size", "their size", "8pt"),
    _length("barcode.space", "space above the barcode", "8mm"),
    # -- contents
    _size("contents.title_size", "the contents page's title", follows="title.size"),
    _length("contents.title_leading", "its leading", follows="title.leading", low=4.0),
    _line("contents.title_space", "space under the title"),
    Key("contents.columns", "count", "columns of the contents page", 2, low=1, high=3,
        unit="columns"),
    _face("contents.number_font", "the page number of each entry", follows="folio.font"),
    _size("contents.number_size", "its size", "20pt"),
    _length("contents.number_width", "the room kept for the page number", "2em",
            em="contents.number_size"),
    _face("contents.section_font", "each entry's section, in capitals", follows="kicker.font"),
    _size("contents.section_size", "its size", follows="kicker.size"),
    _length("contents.section_leading", "its leading", follows="contents.section_size",
            times=1.4, low=4.0),
    _face("contents.entry_font", "each entry's title", follows="title.font"),
    _size("contents.entry_size", "its size", "11pt"),
    _length("contents.entry_leading", "its leading", "14pt", low=4.0),
    _length("contents.rule", "weight of the gold rule above each entry", "0.5pt"),
    _length("contents.padding_above", "space between that rule and the entry", "4pt"),
    _length("contents.padding_below", "space under an entry", "6pt"),
    # -- imposition (the hand-off's press sheets)
    _length("imposition.gripper", "the margin along the press sheet's foot that the press "
            "grips: nothing prints there, the pages move away from it ('layout handoff'; "
            "'layout impose --gripper' for a PDF)", "12mm", high=30 * MM),
)

KEYS: dict[str, Key] = {key.name: key for key in SCHEMA}
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(["fonts", *(key.group for key in SCHEMA)]))

# (size, leading): lines of this text would overlap if the leading were less than the size
LEADINGS = (
    ("body.size", "body.leading"), ("letter.size", "letter.leading"),
    ("title.size", "title.leading"), ("title.size_short", "title.leading_short"),
    ("speaker.size", "speaker.leading"), ("standfirst.size", "standfirst.leading"),
    ("byline.size", "byline.leading"), ("byline.role_size", "byline.leading"),
    ("subhead.size", "subhead.leading"), ("pullquote.size", "pullquote.leading"),
    ("sidebar.title_size", "sidebar.title_leading"), ("sidebar.size", "sidebar.leading"),
    ("question.size", "question.leading"), ("respondent.name_size", "respondent.name_leading"),
    ("respondent.detail_size", "respondent.leading"),
    ("salutation.size", "salutation.leading"), ("signature.size", "signature.leading"),
    ("caption.size", "caption.leading"), ("caption.credit_size", "caption.leading"),
    ("stats.label_size", "stats.label_leading"), ("cover.line_size", "cover.line_leading"),
    ("section_opener.title_size", "section_opener.title_leading"),
    ("cover.story_size", "cover.story_leading"),
    ("contents.title_size", "contents.title_leading"),
    ("contents.section_size", "contents.section_leading"),
    ("contents.entry_size", "contents.entry_leading"),
    ("colophon.size", "colophon.leading"), ("colophon.label_size", "colophon.leading"),
    ("table.size", "table.leading"), ("notes.size", "notes.leading"),
    ("chart.size", "chart.leading"), ("chart.title_size", "chart.title_leading"),
)
MAX_COLUMNS = 3  # the most columns a template sets (news): the narrowest column to check
MIN_COLUMN_EM = 8  # a column narrower than this many ems of body type cannot be justified
MIN_BODY_LINES = 10  # a type area must hold at least this many lines of body text
