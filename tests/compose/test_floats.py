"""Make-up in columns: a box that does not fit where it is called floats to the next
column's head while the text runs on, and every flowable starts on the baseline grid."""

from __future__ import annotations

from pathlib import Path

from layout.compose.columns import Columns
from layout.compose.flowables import Boxed
from layout.compose.text import Paragraph
from layout.content.model import Run

ROOT = Path(__file__).resolve().parents[2]
LEADING = 13.0
HEIGHT = 40 * LEADING


def _styles():
    from layout.style.fonts import register_fonts
    from layout.style.styles import text_styles
    from layout.style.theme import Theme

    theme = Theme(ROOT / "issue" / "theme.yaml")
    register_fonts(theme, ROOT / "fonts")
    return text_styles(theme, "en")


def _text(styles, sentences: int) -> Paragraph:
    return Paragraph([Run("The council met again to discuss the budget for next year. "
                          * sentences)], styles["body"])


def _box(styles) -> Boxed:
    box = Boxed([Paragraph([Run("A PULL QUOTE OF SOME LENGTH SET IN CAPITALS, FOUR OR FIVE "
                                "LINES DEEP IN A NARROW COLUMN")], styles["pullquote"])],
                padding=6, rules="above below", rule_width=1.2, space_before=13,
                space_after=13)
    box.floats = box.pull_quote = True
    return box


def test_a_box_that_does_not_fit_floats_to_the_next_column_and_the_text_runs_on():
    styles = _styles()
    first, box, after = _text(styles, 31), _box(styles), _text(styles, 40)  # 5 lines left
    columns = Columns([first, box, after], 2, 14.0, leading=LEADING, frame_height=HEIGHT)
    columns.wrap(480, HEIGHT)
    one, two = columns._filled.columns
    assert box not in [f for f, _, _ in one]
    assert two[0][0] is box  # it heads the next column
    depth = one[-1][1] + one[-1][2]
    assert HEIGHT - depth <= LEADING + 1e-6  # the text ran on: at most a line of hole


def test_every_flowable_in_the_columns_starts_on_the_grid():
    styles = _styles()
    flowables = [_text(styles, 5), _box(styles), _text(styles, 7), _box(styles),
                 _text(styles, 9)]
    room = HEIGHT - 5.5  # the columns start 5.5 pt under the type area's top (after a head)
    columns = Columns(flowables, 2, 14.0, leading=LEADING, frame_height=HEIGHT)
    columns.wrap(480, room)
    above = HEIGHT - room
    for column in columns._filled.columns:
        for flowable, top, _ in column:
            if isinstance(flowable, Paragraph):
                lines = (above + top) / LEADING
                assert abs(lines - round(lines)) < 1e-6, (top, lines)


def test_one_pull_quote_to_a_column_unless_no_text_follows():
    styles = _styles()
    first, a, b, after = _text(styles, 4), _box(styles), _box(styles), _text(styles, 60)
    columns = Columns([first, a, b, after], 2, 14.0, leading=LEADING, frame_height=HEIGHT)
    columns.wrap(480, HEIGHT)
    one, two = columns._filled.columns
    assert [f for f, _, _ in one if f in (a, b)] == [a]  # b waited, the text ran on
    assert two[0][0] is b
    # at an article's end, with no text after them, boxes stay where they are called
    last = Columns([_text(styles, 4), _box(styles), _box(styles)], 2, 14.0, leading=LEADING,
                   frame_height=HEIGHT)
    last.wrap(480, HEIGHT)
    assert sum(isinstance(f, Boxed) for f, _, _ in last._filled.columns[0]) + sum(
        isinstance(f, Boxed) for f, _, _ in last._filled.columns[1]) == 2


def _quote(styles, words: str = "A SHORT QUOTE") -> Boxed:
    box = Boxed([Paragraph([Run(words)], styles["pullquote"])], padding=6,
                rules="above below", rule_width=1.2, space_before=13, space_after=13)
    box.floats = box.pull_quote = True
    return box


def _on_page(folio: int, per_page: int = 1, per_spread: int = 2):
    """A ledger and a pull-quote count for the article's first page, `folio`."""
    from layout.compose.floats import Floats
    from layout.compose.ledger import Ledger

    ledger = Ledger()
    ledger.page = 1
    return ledger, Floats(per_page, per_spread)


def _placed(columns) -> list:
    return [f for column in columns._filled.columns for f, _, _ in column]


def test_a_verso_sends_its_quote_over_the_page_limit_to_the_facing_recto():
    styles = _styles()
    a, b = _quote(styles), _quote(styles)
    flowables = [_text(styles, 4), a, _text(styles, 6), b, _text(styles, 120)]
    ledger, floats = _on_page(2)
    columns = Columns(flowables, 2, 14.0, leading=LEADING, frame_height=HEIGHT, ledger=ledger,
                      first_page=2, floats=floats)
    columns.wrap(480, HEIGHT)
    assert a in _placed(columns) and b not in _placed(columns)
    assert b in columns._filled.rest  # it waits for p. 3, on the same spread
    floats.quotes[2] = 1
    assert floats.quotes_left(3) == (1, False)  # the recto takes it, and no more


def test_a_quote_over_the_spread_limit_stays_by_its_sentence_and_is_named():
    from layout.compose.floats import Floats

    styles = _styles()
    a, b = _quote(styles), _quote(styles)
    flowables = [_text(styles, 4), a, _text(styles, 6), b, _text(styles, 20)]
    ledger, _ = _on_page(3)
    notes: list[str] = []
    floats = Floats(1, 2, notes)
    floats.quotes[2] = 1  # the facing verso has one already
    columns = Columns(flowables, 2, 14.0, leading=LEADING, frame_height=HEIGHT, ledger=ledger,
                      first_page=3, floats=floats)
    columns.wrap(480, HEIGHT)
    assert a in _placed(columns) and b in _placed(columns)  # nothing is dropped
    assert b in columns._filled.over_limit and a not in columns._filled.over_limit
    b.source_line, b.float_name, b.summary = 12, "pull quote", "a short quote"
    b.over_limit = True  # as the columns draw it
    floats.drawn(b, 3)
    assert notes == ["pull quote at line 12 («a short quote») is one pull quote too many "
                     "for p. 3 (the theme allows 1 a page, 2 a spread): set by its sentence — "
                     "cut it, or one of the others there"]


def test_quotes_at_an_article_end_are_never_stacked():
    styles = _styles()
    a, b, c = _quote(styles), _quote(styles), _quote(styles)
    columns = Columns([_text(styles, 6), _text(styles, 6), _text(styles, 6), a, b, c], 2, 14.0,
                      leading=LEADING, frame_height=HEIGHT)
    columns.wrap(480, HEIGHT)
    assert not columns._filled.rest
    for column in columns._filled.columns:
        kinds = [getattr(f, "pull_quote", False) for f, _, _ in column]
        assert not any(x and y for x, y in zip(kinds, kinds[1:], strict=False)), kinds
    assert set(_placed(columns)) >= {a, b, c}


def test_on_a_recto_a_box_heads_the_last_column_rather_than_leave_the_spread():
    styles = _styles()
    box = _box(styles)
    # the box is called five lines from the foot of the recto's last column
    flowables = [_text(styles, 67), box, _text(styles, 60)]
    ledger, floats = _on_page(3)
    columns = Columns(flowables, 2, 14.0, leading=LEADING, frame_height=HEIGHT, ledger=ledger,
                      first_page=3, floats=floats)
    columns.wrap(480, HEIGHT)
    last = columns._filled.columns[1]
    assert last[0][0] is box and box not in columns._filled.rest
    # on a verso it waits for the facing page's first column instead
    ledger, floats = _on_page(2)
    verso = Columns(flowables, 2, 14.0, leading=LEADING, frame_height=HEIGHT, ledger=ledger,
                    first_page=2, floats=floats)
    verso.wrap(480, HEIGHT)
    assert box in verso._filled.rest


def test_a_hole_left_by_a_heading_is_filled_with_a_box_from_further_on():
    from layout.compose.flowables import HeadWithText

    styles = _styles()
    box = _quote(styles)
    head = HeadWithText(Paragraph([Run("A question that needs two lines of answer under it "
                                       "at least")], styles["question"]), _text(styles, 6))
    # the first column has four lines left under the text: no room for the heading
    first = next(p for p in (_text(styles, n) for n in range(10, 60))
                 if round(p.wrap(233, 1e6)[1] / LEADING) == 36)
    flowables = [first, head, _text(styles, 3), box, _text(styles, 40)]
    columns = Columns(flowables, 2, 14.0, leading=LEADING, frame_height=HEIGHT)
    columns.wrap(480, HEIGHT)
    one = columns._filled.columns[0]
    assert one[-1][0] is box  # brought forward into the hole
    assert HEIGHT - (one[-1][1] + one[-1][2]) <= LEADING + 1e-6
