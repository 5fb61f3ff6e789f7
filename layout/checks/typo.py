"""`make typo`: how even the justified columns are, read back from the PDF's glyph positions.

Over the full-width justified body lines (a paragraph's last line left out): the mean word
gap of each line in em of the body size — median, 95th percentile, share over 0.75 em —
the share of lines ending in a hyphen, runs of 3+ hyphenated lines, and widows, orphans
and overfull lines.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pdfplumber

BODY_SIZES = (9.4, 10.6)  # body 9.5 pt, letters 10.5 pt
LOOSE = 0.75  # em
EDGE = 0.6  # pt: a line reaching the column's right edge within this is full width


@dataclass
class Line:
    page: int
    column: int
    top: float
    x0: float
    x1: float
    size: float
    words: list[dict]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


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

    def table(self) -> str:
        rows = [
            ("justified body lines measured", f"{self.lines}"),
            ("word gap, median", f"{self.gap_median:.3f} em"),
            ("word gap, 95th percentile", f"{self.gap_p95:.3f} em   (target ≤ 0.60)"),
            (f"lines with gaps over {LOOSE} em", f"{self.loose_share:.1%}   (target ≤ 1%)"),
            ("lines ending in a hyphen", f"{self.hyphen_share:.1%}   (target ≤ 20%)"),
            ("hyphen ladders of 3+", f"{self.ladders}   (target ≤ 3)"),
            ("widows", f"{len(self.widows)}"),
            ("orphans", f"{len(self.orphans)}"),
            ("overfull lines", f"{len(self.overfull)}"),
        ]
        return "\n".join(f"{name:34} {value}" for name, value in rows)

    def to_dict(self) -> dict:
        return asdict(self)


def body_lines(pdf: Path) -> list[list[list[Line]]]:
    """Per page, per column (left to right), the body lines top to bottom."""
    pages = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            words = [w for w in page.extract_words(extra_attrs=["size", "fontname"],
                                                   keep_blank_chars=False, x_tolerance=1.5)
                     if BODY_SIZES[0] <= w["size"] <= BODY_SIZES[1] and "Serif" in w["fontname"]
                     and 60 < w["top"] < page.height - 70]
            pages.append(_columns(number, words, page.width))
    return pages


def _columns(number: int, words: list[dict], width: float) -> list[list[Line]]:
    rows: dict[int, list[dict]] = {}
    for word in words:
        rows.setdefault(round(word["top"]), []).append(word)
    lines = []
    for top, row in rows.items():
        row.sort(key=lambda w: w["x0"])
        parts, current = [], [row[0]]
        for word in row[1:]:
            if word["x0"] - current[-1]["x1"] > 12:  # a gutter
                parts.append(current)
                current = []
            current.append(word)
        parts.append(current)
        for part in parts:
            lines.append(Line(number, 0, top, part[0]["x0"], part[-1]["x1"], part[0]["size"],
                              part))
    clusters: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.x0, ln.top)):
        for cluster in clusters:
            if abs(min(ln.x0 for ln in cluster) - line.x0) < 20:
                cluster.append(line)
                break
        else:
            clusters.append([line])
    columns = []
    for k, cluster in enumerate(sorted(clusters, key=lambda c: min(ln.x0 for ln in c))):
        for line in cluster:
            line.column = k
        columns.append(sorted(cluster, key=lambda ln: ln.top))
    return columns


def measure(pdf: Path) -> TypoReport:
    """The typographic measures of a built PDF."""
    report = TypoReport()
    gaps, hyphenated, total = [], 0, 0
    for page in body_lines(pdf):
        for column in page:
            if len(column) < 3:
                continue
            left = min(ln.x0 for ln in column)
            right = max(ln.x1 for ln in column)
            run = 0
            for line in column:
                where = f"p{line.page} col {line.column + 1}: {line.text[:40]}"
                if line.x1 > right + 0.01 and line.x1 - right > EDGE:
                    report.overfull.append(where)
                full = right - line.x1 <= EDGE
                if full and len(line.words) > 1:
                    span = line.x1 - line.x0 - sum(w["x1"] - w["x0"] for w in line.words)
                    gaps.append(span / (len(line.words) - 1) / line.size)
                    total += 1
                    ends = line.words[-1]["text"].endswith(("-", "\u00ad", "\u2010"))
                    hyphenated += ends
                    run = run + 1 if ends else 0
                    if run == 3:
                        report.ladders += 1
                else:
                    run = 0
            _widows_orphans(column, left, right, report)
    report.lines = total
    if gaps:
        gaps.sort()
        report.gap_median = statistics.median(gaps)
        report.gap_p95 = gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))]
        report.loose_share = sum(g > LOOSE for g in gaps) / len(gaps)
        report.hyphen_share = hyphenated / total
    return report


def _widows_orphans(column: list[Line], left: float, right: float, report: TypoReport) -> None:
    """A widow: a paragraph's last line alone at the top of a column; an orphan: its first
    line alone at the foot (the paragraph going on in the next column)."""
    if len(column) < 4:
        return
    top, second, bottom, before = column[0], column[1], column[-1], column[-2]

    def indented(line: Line) -> bool:
        return line.x0 - left > 5
    if not indented(top) and right - top.x1 > 8 and indented(second) and top.top < 130:
        report.widows.append(f"p{top.page} col {top.column + 1}: {top.text[:40]}")
    if indented(bottom) and right - bottom.x1 <= EDGE and right - before.x1 > 8 \
            and bottom.top > 700:
        report.orphans.append(f"p{bottom.page} col {bottom.column + 1}: {bottom.text[:40]}")


def compare_with_greedy(issue: Path, pdf: Path) -> str:
    """The measures of `pdf` beside those of the same issue built with ReportLab's first fit."""
    import shutil
    import tempfile

    from layout.build import build

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "issue"
        shutil.copytree(issue, copy)
        theme = copy / "theme.yaml"
        theme.write_text(theme.read_text().replace("total_fit: true", "total_fit: false"))
        greedy = measure(build(copy, Path(folder) / "greedy.pdf", use_cache=False))
    total = measure(pdf)
    rows = [("justified body lines", f"{total.lines}", f"{greedy.lines}", ""),
            ("word gap, median (em)", f"{total.gap_median:.3f}", f"{greedy.gap_median:.3f}", ""),
            ("word gap, p95 (em)", f"{total.gap_p95:.3f}", f"{greedy.gap_p95:.3f}", "≤ 0.60"),
            (f"lines over {LOOSE} em", f"{total.loose_share:.1%}", f"{greedy.loose_share:.1%}",
             "≤ 1%"),
            ("lines ending in a hyphen", f"{total.hyphen_share:.1%}",
             f"{greedy.hyphen_share:.1%}", "≤ 20%"),
            ("hyphen ladders of 3+", f"{total.ladders}", f"{greedy.ladders}", "≤ 3"),
            ("widows", f"{len(total.widows)}", f"{len(greedy.widows)}", "0"),
            ("orphans", f"{len(total.orphans)}", f"{len(greedy.orphans)}", "0"),
            ("overfull lines", f"{len(total.overfull)}", f"{len(greedy.overfull)}", "0")]
    head = f"{'':28} {'total fit':>10} {'first fit':>10}   target"
    return "\n".join([head] + [f"{a:28} {b:>10} {c:>10}   {d}" for a, b, c, d in rows])


if __name__ == "__main__":
    import sys

    root = Path(__file__).resolve().parents[2]
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "build" / "adalazamat-2023-01.pdf"
    print(f"{target}\n")
    print(compare_with_greedy(root / "issue", target))
