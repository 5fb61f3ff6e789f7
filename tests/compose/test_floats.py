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
