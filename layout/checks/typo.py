"""`make typo`: how even the justified columns are, read back from the PDF's glyph positions.

Over the full-width justified body lines (a paragraph's last line left out): the mean word
gap of each line in em of the body size — median, 95th percentile, share over 0.75 em —
the share of lines ending in a hyphen, runs of 3+ hyphenated lines, and widows, orphans
and overfull lines. Over every body line: lines ending in a one-letter word ("в", "a",
"I"), pairs a line end should not split (digit groups "2 000 | 000", "№ | 5", an initial
from its surname), word gaps under 0.1 em (words that all but run together) and columns
whose type was scaled down to fit.

Body text is the serif at 9.0–10.6 pt (9.5 and 10.5, and columns shrunk to fit); a measure
can be restricted to some pages (an article's own, found by the PDF's outline).

Hanging punctuation (character protrusion) is read as a reader sees it: a line's edges are
those of its first and last glyphs less the share of their width the theme hangs into the
margin, so a line ending in a hung hyphen is full, not overfull; a glyph hung further than
that is past the edge.
"""

from __future__ import annotations

import re
import statistics
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from layout.compose.text.rules import FUNCTION_WORDS, is_address
from layout.errors import IssueError
from layout.pdf_input import check_pdf
from layout.style.typesetting import FLUSH, Hangs, house

BODY_SIZES = (9.0, 10.6)  # body 9.5 pt, letters 10.5 pt, and columns shrunk to fit
NOMINAL = (9.5, 10.5)  # pt: a column at another size was shrunk (ReportLab's BalancedColumns)
LOOSE = 0.75  # em
TIGHT = 0.1  # em: a word gap under this reads as two words run together
EDGE = 0.6  # pt: a line reaching the column's right edge within this is full width
SAME_WORD = 0.05  # pt: pieces closer than this are one word in two styles (re**form**ed)
GUTTER = 12  # pt: an x band this wide that no word on the page covers parts two columns
_OPENING = "«“„‘\"'([–—‒"
_GROUP_END = re.compile(r"^\D{0,3}\d{1,3}(\s\d{3})*$")  # "2", "(18", "45 000": may go on
_GROUP_NEXT = re.compile(r"^\d{3}(\D|$)")  # "000", "007,"


@dataclass
class Line:
    page: int
    column: int
    top: float
    x0: float
    x1: float
    size: float
    words: list[dict]
    beside_initial: bool = False  # set beside a drop cap (shorter, after the initial)
    lead: float = 0.0  # how far its first glyph may hang into the left margin (protrusion)
    hang: float = 0.0  # how far its last glyph may hang into the right one

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def left(self) -> float:
        """Where the line starts as the eye sees the margin: its hung glyph left out."""
        return self.x0 + self.lead

    @property
    def right(self) -> float:
        """Where it ends as the eye sees the margin."""
        return self.x1 - self.hang


def hung(char: dict, hangs: Hangs, side: str) -> float:
    """How far this glyph, drawn at a line's start ("left") or end ("right"), may hang into
    the margin: the theme's share of its width."""
    share = hangs.at_left(char["text"]) if side == "left" else hangs.at_right(char["text"])
    return share * (char["x1"] - char["x0"])


def inside(char: dict, left: float, right: float, hangs: Hangs, slack: float = 0.3) -> bool:
    """Whether a glyph is inside the column left..right, or past an edge by no more than it
    hangs there."""
    return (char["x0"] >= left - slack - hung(char, hangs, "left")
            and char["x1"] <= right + slack + hung(char, hangs, "right"))


@dataclass
class Tally:
    """The raw counts behind a report; tallies of several pages or PDFs add up."""

    gaps: list[float] = field(default_factory=list)  # mean word gap per justified line, em
    initial_gaps: list[float] = field(default_factory=list)  # those of lines beside drop caps
    body_lines: int = 0
    hyphenated: int = 0
    ladders: int = 0
    one_letter: list[str] = field(default_factory=list)
    split_pairs: list[str] = field(default_factory=list)
    tight_gaps: list[str] = field(default_factory=list)
    shrunk: list[str] = field(default_factory=list)
    widows: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    overfull: list[str] = field(default_factory=list)
    turns: list[str] = field(default_factory=list)  # a hyphen on the last line of a recto
    compounds: list[str] = field(default_factory=list)  # a compound hyphenated inside a part
    signs: list[str] = field(default_factory=list)  # a line starting with ь or ъ
    address_hyphens: list[str] = field(default_factory=list)  # ending in an address's hyphen

    def __add__(self, other: Tally) -> Tally:
        return Tally(**{name: getattr(self, name) + getattr(other, name)
                        for name in self.__dataclass_fields__})


@dataclass
class TypoReport:
    lines: int = 0
    gap_median: float = 0.0
    gap_p95: float = 0.0
    loose_share: float = 0.0
    hyphen_share: float = 0.0
    ladders: int = 0
    widows: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    overfull: list[str] = field(default_factory=list)
    beside_initials: int = 0  # justified lines beside drop caps (counted in the gaps too)
    initial_gap_max: float = 0.0  # em: the loosest of them
    body_lines: int = 0
    one_letter_share: float = 0.0  # of all body lines
    one_letter: list[str] = field(default_factory=list)
    split_pairs: list[str] = field(default_factory=list)
    tight_gaps: list[str] = field(default_factory=list)
    shrunk: list[str] = field(default_factory=list)  # columns whose type was scaled down
    turns: list[str] = field(default_factory=list)
    compounds: list[str] = field(default_factory=list)
    signs: list[str] = field(default_factory=list)
    address_hyphens: list[str] = field(default_factory=list)

    @classmethod
    def from_tally(cls, tally: Tally) -> TypoReport:
        report = cls(lines=len(tally.gaps), ladders=tally.ladders, widows=tally.widows,
                     orphans=tally.orphans, overfull=tally.overfull,
                     body_lines=tally.body_lines, one_letter=tally.one_letter,
                     split_pairs=tally.split_pairs, tight_gaps=tally.tight_gaps,
                     shrunk=tally.shrunk, turns=tally.turns, compounds=tally.compounds,
                     signs=tally.signs, address_hyphens=tally.address_hyphens)
        if tally.gaps:
            gaps = sorted(tally.gaps)
            report.gap_median = statistics.median(gaps)
            report.gap_p95 = gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))]
            report.loose_share = sum(g > LOOSE for g in gaps) / len(gaps)
            report.hyphen_share = tally.hyphenated / len(gaps)
        report.beside_initials = len(tally.initial_gaps)
        report.initial_gap_max = max(tally.initial_gaps, default=0.0)
        if tally.body_lines:
            report.one_letter_share = len(tally.one_letter) / tally.body_lines
        return report

    def table(self) -> str:
        rows = [
            ("justified body lines measured", f"{self.lines}"),
            ("word gap, median", f"{self.gap_median:.3f} em"),
            ("word gap, 95th percentile", f"{self.gap_p95:.3f} em   (target ≤ 0.60)"),
            (f"lines with gaps over {LOOSE} em", f"{self.loose_share:.1%}   (target ≤ 1%)"),
            ("lines ending in a hyphen", f"{self.hyphen_share:.1%}   (target ≤ 20%)"),
            ("hyphen ladders of 3+", f"{self.ladders}   (target ≤ 3)"),
            ("lines beside drop caps measured", f"{self.beside_initials}"),
            ("word gap beside drop caps, max", f"{self.initial_gap_max:.3f} em"),
            ("lines ending in a one-letter word", f"{self.one_letter_share:.1%}"),
            ("pairs split at a line end", f"{len(self.split_pairs)}"),
            ("hyphens on a recto's last line", f"{len(self.turns)}"),
            ("compounds hyphenated in a part", f"{len(self.compounds)}"),
            ("lines starting with ь or ъ", f"{len(self.signs)}"),
            ("lines ending in an address's -", f"{len(self.address_hyphens)}"),
            (f"word gaps under {TIGHT} em", f"{len(self.tight_gaps)}"),
            ("columns shrunk to fit", f"{len(self.shrunk)}"),
            ("widows", f"{len(self.widows)}"),
            ("orphans", f"{len(self.orphans)}"),
            ("overfull lines", f"{len(self.overfull)}"),
        ]
        return "\n".join(f"{name:34} {value}" for name, value in rows)

    def to_dict(self) -> dict:
        return asdict(self)


INITIAL_SIZE = 2.5  # a glyph this many times the body's largest size, beside body lines
INITIAL_REACH = 12  # pt: at most this from the initial's right side to the lines beside it


def body_lines(pdf: Path, hangs: Hangs | None = None) -> dict[int, list[list[Line]]]:
    """Per page (1-based), per column left to right, the body lines. `hangs`: the
    protrusion the PDF was set with (the house theme's when None; `Hangs()` for none)."""
    hangs = house().hangs if hangs is None else hangs
    out = {}
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            within = [c for c in page.chars if 60 < c["top"] < page.height - 70]
            words = [w for w in page.extract_words(extra_attrs=["size", "fontname"],
                                                   keep_blank_chars=False, x_tolerance=1.5,
                                                   return_chars=True)
                     if BODY_SIZES[0] <= w["size"] <= BODY_SIZES[1] and "Serif" in w["fontname"]
                     and 60 < w["top"] < page.height - 70]
            initials = [c for c in within if c["size"] >= INITIAL_SIZE * BODY_SIZES[1]
                        and c["text"].strip()]
            out[number] = _columns(number, words, initials, hangs)
    return out


def _columns(number: int, words: list[dict], initials: list[dict] = (),
             hangs: Hangs = FLUSH) -> list[list[Line]]:
    """The words of a page as lines in columns, split at the page's gutters.

    A gutter is an x band that no body word of the page covers; a very loose line's wide
    word gaps are not gutters, because other lines of the column cover them (splitting
    rows at any gap over 12 pt, as this did before, hid the loosest lines). A line whose
    first word starts just right of a large initial, within its height, is beside a drop cap.
    """
    if not words:
        return []
    bands = _column_bands(words, hangs)
    rows: dict[tuple[int, int], list[dict]] = {}
    for word in words:
        middle = (word["x0"] + word["x1"]) / 2
        band = next((k for k, (_, end) in enumerate(bands) if middle <= end), len(bands) - 1)
        rows.setdefault((band, round(word["top"])), []).append(word)
    columns: list[list[Line]] = [[] for _ in bands]
    for (band, top), row in rows.items():
        row = _join_styles(sorted(row, key=lambda w: w["x0"]))
        beside = any(c["top"] - 3 <= row[0]["top"] <= c["bottom"]
                     and 0 <= row[0]["x0"] - c["x1"] <= INITIAL_REACH for c in initials)
        lead = hung(row[0]["chars"][0], hangs, "left") if row[0].get("chars") else 0.0
        hang = hung(row[-1]["chars"][-1], hangs, "right") if row[-1].get("chars") else 0.0
        columns[band].append(Line(number, band, top, row[0]["x0"], row[-1]["x1"],
                                  row[0]["size"], row, beside, lead, hang))
    return [sorted(column, key=lambda ln: ln.top) for column in columns]


def _column_bands(words: list[dict], hangs: Hangs = FLUSH) -> list[tuple[float, float]]:
    """The x extents of the page's columns: runs of x covered by words (less what their
    first and last glyphs may hang into a margin), split by gaps wider than a word space
    could be."""
    def extent(word: dict) -> tuple[float, float]:
        chars = word.get("chars")
        if not chars:
            return word["x0"], word["x1"]
        return (word["x0"] + hung(chars[0], hangs, "left"),
                word["x1"] - hung(chars[-1], hangs, "right"))
    spans = sorted(extent(w) for w in words)
    bands = [list(spans[0])]
    for x0, x1 in spans[1:]:
        if x0 - bands[-1][1] > GUTTER:
            bands.append([x0, x1])
        else:
            bands[-1][1] = max(bands[-1][1], x1)
    return [(a, b) for a, b in bands]


def _join_styles(words: list[dict]) -> list[dict]:
    """Pieces of one word set in two styles ("re" + bold "form" + "ed", "*Law*" + ",") are
    extracted as two words with no gap: join them, so only real word spaces count as gaps."""
    out = [dict(words[0])]
    for word in words[1:]:
        if word["x0"] - out[-1]["x1"] < SAME_WORD:
            out[-1]["text"] += word["text"]
            out[-1]["x1"] = word["x1"]
            out[-1]["chars"] = out[-1].get("chars", []) + word.get("chars", [])
        else:
            out.append(dict(word))
    return out


def measure(pdf: Path, hangs: Hangs | None = None) -> TypoReport:
    """The typographic measures of a built PDF (set with `hangs`, see `body_lines`)."""
    return TypoReport.from_tally(tally(body_lines(pdf, hangs)))


def tally(pages: dict[int, list[list[Line]]], only: Iterable[int] | None = None) -> Tally:
    """Count the measures over the body lines of these pages (all, or those in `only`)."""
    result = Tally()
    wanted = set(only) if only is not None else None
    for number, columns in sorted(pages.items()):
        if wanted is None or number in wanted:
            for column in columns:
                _tally_column(column, result)
            last = columns[-1][-1] if columns and columns[-1] else None
            if number % 2 and last is not None and _hyphenated(last):
                result.turns.append(_where(last, end=True))
    return result


HYPHENS = ("-", "\u00ad", "\u2010")


def _hyphenated(line: Line) -> bool:
    return line.words[-1]["text"].endswith(HYPHENS)


def _tally_column(column: list[Line], result: Tally) -> None:
    result.body_lines += len(column)
    size = statistics.median(ln.size for ln in column)
    if min(abs(size - nominal) for nominal in NOMINAL) > 0.005:
        result.shrunk.append(f"p{column[0].page} col {column[0].column + 1}: {size:.2f} pt")
    for line, after in zip(column, [*column[1:], None], strict=True):
        _line_ends(line, after, result)
    if len(column) < 3:
        return
    left = min(ln.left for ln in column)
    right = _edge(column)
    run = 0
    for line in column:
        if line.right > right + 0.01 and line.right - right > EDGE:
            result.overfull.append(_where(line))
        full = right - line.right <= EDGE
        if full and len(line.words) > 1:
            span = line.x1 - line.x0 - sum(w["x1"] - w["x0"] for w in line.words)
            gap = span / (len(line.words) - 1) / line.size
            result.gaps.append(gap)
            if line.beside_initial:
                result.initial_gaps.append(gap)
            ends = _hyphenated(line)
            result.hyphenated += ends
            run = run + 1 if ends else 0
            if run == 3:
                result.ladders += 1
        else:
            run = 0
    _widows_orphans(column, left, right, result)


def _edge(column: list[Line]) -> float:
    """The column's right edge: where most of its lines end (justified lines end together),
    or the furthest any line reaches when no two lines end at one place."""
    ends: dict[float, int] = {}
    for line in column:
        ends[round(line.right * 2) / 2] = ends.get(round(line.right * 2) / 2, 0) + 1
    edge, count = max(ends.items(), key=lambda e: (e[1], e[0]))
    if count < 2:
        return max(ln.right for ln in column)
    return max(ln.right for ln in column if abs(ln.right - edge) <= 0.25)


def _line_ends(line: Line, after: Line | None, result: Tally) -> None:
    """One-letter words and unsplittable pairs at the line's end; word gaps inside it."""
    last = line.words[-1]["text"].lstrip(_OPENING)
    if len(last) == 1 and last.isalpha():
        result.one_letter.append(_where(line, end=True))
    following = after.words[0]["text"] if after is not None else ""
    _broken_words(line, last, following, result)
    if last == "№" or (_GROUP_END.match(last) and _GROUP_NEXT.match(following)) or (
            len(last) == 2 and last[0].isupper() and last[1] == "." and following[:1].isupper()):
        result.split_pairs.append(_where(line, end=True) + f" | {following}")
    for a, b in zip(line.words, line.words[1:], strict=False):
        if b["x0"] - a["x1"] < TIGHT * line.size:
            result.tight_gaps.append(f"p{line.page}: {a['text']}|{b['text']}")


# abbreviations a line must not split, and what a number keeps (as compose/text/rules.py)
_ABBREVIATION_HEADS = frozenset({"т."})
_ABBREVIATION_TAILS = frozenset({"е.", "п.", "д.", "к.", "н.", "б.", "с."})
_NUMBER_END = re.compile(r"^[(\[«“\"']?[\d.,:–\-]*\d$")


def _broken_words(line: Line, last: str, following: str, result: Tally) -> None:
    """The issue-19 rules, read from the line ends: abbreviations and counted numbers split,
    a compound hyphenated inside a part, ь/ъ starting a line, an address's own hyphen."""
    where = _where(line, end=True) + f" | {following}"
    tail = following.rstrip(",;:!?»”)\"'")
    if last in _ABBREVIATION_HEADS and tail in _ABBREVIATION_TAILS:
        result.split_pairs.append(where)
    elif _NUMBER_END.match(last) and tail[:1].islower() and not any(
            tail.rstrip(".") in words for words in FUNCTION_WORDS.values()):
        result.split_pairs.append(where)  # 112 | участников, 2024 | гг.
    elif last.endswith("–") and last[:-1][-1:].isdigit() and following[:1].isdigit():
        result.split_pairs.append(where)  # 2022–|2024
    if not following:
        return
    if following[0] in "ьъЬЪ":
        result.signs.append(where)
    word = last.rstrip("".join(HYPHENS))
    if last.endswith("\u00ad") and "-" in word.strip("-"):
        result.compounds.append(where)
    if last.endswith(("-", "\u2010")):
        if is_address(last[:-1] + "-" + following):
            result.address_hyphens.append(where)


def _where(line: Line, end: bool = False) -> str:
    text = line.text
    shown = f"…{text[-40:]}" if end and len(text) > 40 else text[:40]
    return f"p{line.page} col {line.column + 1}: {shown}"


def _widows_orphans(column: list[Line], left: float, right: float, result: Tally) -> None:
    """A widow: a paragraph's last line alone at the top of a column; an orphan: its first
    line alone at the foot (the paragraph going on in the next column)."""
    if len(column) < 4:
        return
    top, second, bottom, before = column[0], column[1], column[-1], column[-2]

    def indented(line: Line) -> bool:
        return line.left - left > 5
    if not indented(top) and right - top.right > 8 and indented(second) and top.top < 130:
        result.widows.append(_where(top))
    if indented(bottom) and right - bottom.right <= EDGE and right - before.right > 8 \
            and bottom.top > 700:
        result.orphans.append(_where(bottom))


def article_pages(pdf: Path, issue) -> dict[str, range]:
    """Each article's pages (1-based), from the PDF's outline (one entry per article)."""
    from layout.checks.verify import outline_starts

    starts = outline_starts(pdf)
    if len(starts) != len(issue.articles):
        raise ValueError(f"{pdf}: the outline has {len(starts)} entries for "
                         f"{len(issue.articles)} articles")
    with pdfplumber.open(pdf) as document:
        total = len(document.pages)
    ends = [*starts[1:], total]
    return {a.slug: range(first + 1, max(last, first + 1) + 1)
            for a, first, last in zip(issue.articles, starts, ends, strict=True)}


def compare_with_greedy(issue: Path, pdf: Path) -> str:
    """The measures of `pdf` beside those of the same issue built with ReportLab's first fit."""
    import shutil
    import tempfile

    from layout.build import build
    from layout.content import load_issue
    from layout.style.theme import Theme
    from layout.style.typesetting import hangs

    hung = hangs(Theme(load_issue(issue).theme_path))
    total = measure(pdf, hung)  # first: a PDF that cannot be read is said before a build
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "issue"
        shutil.copytree(issue, copy)
        theme = copy / "theme.yaml"
        theme.write_text(theme.read_text().replace("total_fit: true", "total_fit: false"))
        greedy = measure(build(copy, Path(folder) / "greedy.pdf", use_cache=False), hung)
    rows = [("justified body lines", f"{total.lines}", f"{greedy.lines}", ""),
            ("word gap, median (em)", f"{total.gap_median:.3f}", f"{greedy.gap_median:.3f}", ""),
            ("word gap, p95 (em)", f"{total.gap_p95:.3f}", f"{greedy.gap_p95:.3f}", "≤ 0.60"),
            (f"lines over {LOOSE} em", f"{total.loose_share:.1%}", f"{greedy.loose_share:.1%}",
             "≤ 1%"),
            ("lines ending in a hyphen", f"{total.hyphen_share:.1%}",
             f"{greedy.hyphen_share:.1%}", "≤ 20%"),
            ("hyphen ladders of 3+", f"{total.ladders}", f"{greedy.ladders}", "≤ 3"),
            ("lines beside drop caps", f"{total.beside_initials}",
             f"{greedy.beside_initials}", ""),
            ("gap beside drop caps, max", f"{total.initial_gap_max:.3f}",
             f"{greedy.initial_gap_max:.3f}", ""),
            ("one-letter word line ends", f"{total.one_letter_share:.1%}",
             f"{greedy.one_letter_share:.1%}", ""),
            ("pairs split at a line end", f"{len(total.split_pairs)}",
             f"{len(greedy.split_pairs)}", "0"),
            ("recto ends in a hyphen", f"{len(total.turns)}", f"{len(greedy.turns)}",
             "0"),
            ("compound broken in a part", f"{len(total.compounds)}",
             f"{len(greedy.compounds)}", "0"),
            ("lines starting with ь or ъ", f"{len(total.signs)}", f"{len(greedy.signs)}", "0"),
            ("lines ending in address's -", f"{len(total.address_hyphens)}",
             f"{len(greedy.address_hyphens)}", "0"),
            (f"word gaps under {TIGHT} em", f"{len(total.tight_gaps)}",
             f"{len(greedy.tight_gaps)}", "0"),
            ("columns shrunk to fit", f"{len(total.shrunk)}", f"{len(greedy.shrunk)}", "0"),
            ("widows", f"{len(total.widows)}", f"{len(greedy.widows)}", "0"),
            ("orphans", f"{len(total.orphans)}", f"{len(greedy.orphans)}", "0"),
            ("overfull lines", f"{len(total.overfull)}", f"{len(greedy.overfull)}", "0")]
    head = f"{'':28} {'total fit':>10} {'first fit':>10}   target"
    return "\n".join([head] + [f"{a:28} {b:>10} {c:>10}   {d}" for a, b, c, d in rows])


def built_from(pdf: Path, issue) -> None:
    """Refuse to measure a PDF beside an issue it was not built from: its outline (one entry
    per article, the article's title) must name the issue's articles in flatplan order."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    quiet = logging.getLogger("pypdf")
    level, quiet.level = quiet.level, logging.ERROR  # a damaged PDF: one error line, below
    try:
        outline = [item.title for item in PdfReader(pdf).outline
                   if not isinstance(item, list)]
    except (PyPdfError, ValueError, KeyError, OSError) as broken:
        raise IssueError(pdf, None, f"the PDF cannot be read ({broken})",
                         "give a complete, unencrypted PDF") from None
    finally:
        quiet.level = level
    titles = [a.title or a.slug for a in issue.articles]
    if outline != titles:
        first = next((k for k, (a, b) in enumerate(zip(outline, titles, strict=False)) if a != b),
                     min(len(outline), len(titles)))
        found = outline[first] if first < len(outline) else "(no entry)"
        wanted = titles[first] if first < len(titles) else "(no article)"
        raise IssueError(pdf, None, f"was not built from the issue in {issue.root}: its "
                         f"outline entry {first + 1} is '{found}', the issue's article "
                         f"{first + 1} is '{wanted}'",
                         "give the issue folder the PDF was built from (--issue DIR)")


def main(argv: list[str] | None = None) -> int:
    """Measure PDF beside the same issue built with ReportLab's first fit."""
    import argparse

    from layout.content import load_issue

    parser = argparse.ArgumentParser(prog="python -m layout.checks.typo", description=main.__doc__)
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--issue", type=Path,
                        help="the issue folder PDF was built from (required: it is built "
                             "again in first fit to compare)")
    args = parser.parse_args(argv)
    try:
        check_pdf(args.pdf)
        if args.issue is None:
            raise IssueError(args.pdf, None, "which issue was it built from?",
                             "give its folder: --issue DIR (it is built again in first fit "
                             "to compare, and must be the PDF's own)")
        built_from(args.pdf, load_issue(args.issue))
        table = compare_with_greedy(args.issue, args.pdf)
    except PdfminerException as broken:
        print(f"error: {args.pdf}: the PDF cannot be read ({broken}) — give a complete, "
              "unencrypted PDF", file=sys.stderr)
        return 2
    except IssueError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    print(f"{args.pdf}\n")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
