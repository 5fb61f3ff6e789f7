"""Page make-up, read back from the PDF: pull quotes as a make-up editor counts them, and
whether each article's last columns end level.

A pull quote is what stands between two gold rules of a column's width: its lines at the
theme's pull-quote size. Counted against the theme: two in one column with no body text
between them (stacked), a quote in capitals over `pullquote.caps_lines` lines, more than
`pullquote.per_page` on a page or `pullquote.per_spread` on a spread, and a quote whose
sentence (found in the body text of its article) is on another spread. On each article's
last page with text, its columns should end within one line of each other (balanced).

    python -m layout.checks.makeup PDF ISSUE
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from layout.checks.command import run_check
from layout.checks.holes import SLACK, empty_lines, full_bleed, has_body
from layout.checks.typo import BODY_SIZES
from layout.compose.grid import Grid
from layout.content import load_issue
from layout.kinds import generated
from layout.style.theme import Theme

GOLD = (0.0, 0.25, 1.0, 0.0)


@dataclass(frozen=True)
class Quote:
    folio: int
    column: int  # 1-based
    top: float  # pt from the page's top: the rule above
    bottom: float  # the rule below
    x0: float  # the rules' left and right ends
    x1: float
    lines: int
    text: str
    slug: str

    @property
    def caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    def __str__(self) -> str:
        words = self.text.split()
        short = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
        return f"p{self.folio} col {self.column} ({self.slug}): {self.lines} lines, «{short}»"


@dataclass
class MakeupReport:
    quotes: list[Quote]
    stacked: list[tuple[Quote, Quote]]
    long_caps: list[Quote]
    over_page: list[int]  # folios with more quotes than the theme allows
    over_spread: list[int]  # the verso folio of each spread with too many
    off_spread: list[tuple[Quote, int]]  # the quote and the page of its sentence
    unbalanced: list[tuple[int, str, list[float]]]  # folio, slug, lines empty per column
    balanced: int  # last pages judged and found level

    def lines(self) -> list[str]:
        out = [f"stacked: {a} / {b}" for a, b in self.stacked]
        out += [f"in capitals over the limit: {q}" for q in self.long_caps]
        out += [f"too many pull quotes on p{f}" for f in self.over_page]
        out += [f"too many pull quotes on the spread {f}–{f + 1}" for f in self.over_spread]
        out += [f"off its sentence's spread (p{page}): {q}" for q, page in self.off_spread]
        out += [f"unbalanced: p{f} ({slug}): columns end "
                + ", ".join(f"{e:.1f}" for e in empty) + " lines above the foot"
                for f, slug, empty in self.unbalanced]
        out.append(f"{len(self.quotes)} pull quotes: {len(self.stacked)} stacked, "
                   f"{len(self.long_caps)} in capitals over the limit, "
                   f"{len(self.over_page)} pages and {len(self.over_spread)} spreads over "
                   f"the limit, {len(self.off_spread)} off their sentence's spread; "
                   f"last pages: {self.balanced} balanced, {len(self.unbalanced)} not")
        return out


def makeup_report(pdf: Path, issue_dir: Path) -> MakeupReport:
    """Pull quotes and last-page balance of the PDF built from the issue."""
    issue = load_issue(issue_dir)
    theme = Theme(issue.theme_path)
    grid = Grid.from_theme(theme, issue.bleed_mm)
    owners, page = {}, 1
    for article in issue.articles:
        for k in range(article.pages or 1):
            owners[page + k] = article
        page += article.pages or 1
    size, leading = theme.pt("pullquote.size"), theme.pt("pullquote.leading")
    quotes, stacked, texts, last_pages = [], [], {}, {}
    with pdfplumber.open(pdf) as document:
        for index, pdf_page in enumerate(document.pages):
            folio = index + 1
            article = owners.get(folio)
            if article is None or article.kind in generated() or full_bleed(pdf_page):
                continue
            found = _quotes(pdf_page, grid, folio, article, size, leading)
            quotes += found
            stacked += _stacked(pdf_page, found)
            texts[folio] = _body_text(pdf_page, grid, folio, article.columns)
            if has_body(pdf_page):
                last_pages[article.slug] = (folio, pdf_page, article)
        unbalanced, balanced = [], 0
        for folio, pdf_page, article in last_pages.values():
            empty = empty_lines(pdf_page, grid, folio, article.columns)
            if max(empty) - min(empty) > 1 + SLACK:
                unbalanced.append((folio, article.slug, empty))
            else:
                balanced += 1
    caps_lines = theme.count("pullquote.caps_lines")
    per_page = Counter(q.folio for q in quotes)
    per_spread = Counter(q.folio // 2 * 2 for q in quotes)
    return MakeupReport(
        quotes, stacked, [q for q in quotes if q.caps and q.lines > caps_lines],
        sorted(f for f, n in per_page.items() if n > theme.count("pullquote.per_page")),
        sorted(f for f, n in per_spread.items() if n > theme.count("pullquote.per_spread")),
        _off_spread(quotes, texts, owners), unbalanced, balanced)


def _quotes(page, grid: Grid, folio: int, article, size: float, leading: float) -> list[Quote]:
    """The pull quotes of a page: pull-quote-size lines between two gold column rules."""
    width = grid.column_width(article.columns, folio)
    body = grid.body(folio)
    rules = sorted((r for r in page.lines if _gold(r.get("stroking_color"))
                    and abs((r["x1"] - r["x0"]) - width) < 2), key=lambda r: (r["x0"], r["top"]))
    out = []
    for above, below in zip(rules, rules[1:], strict=False):
        if abs(above["x0"] - below["x0"]) > 1:
            continue
        chars = [c for c in page.chars if abs(c["size"] - size) < 0.05
                 and above["top"] < c["top"] < below["top"]
                 and above["x0"] - 1 <= c["x0"] <= above["x1"] + 1]
        if not chars:
            continue
        baselines = sorted({round(c["bottom"]) for c in chars})
        lines = 1 + sum(b - a > leading / 2 for a, b in zip(baselines, baselines[1:],
                                                            strict=False))
        chars.sort(key=lambda c: (round(c["bottom"]), c["x0"]))
        text = "".join(c["text"] for c in chars)
        column = round((above["x0"] - body.x) / (width + grid.gutter)) + 1
        out.append(Quote(folio, column, above["top"], below["top"], above["x0"],
                         above["x1"], lines, text, article.slug))
    return out


def _gold(colour) -> bool:
    return isinstance(colour, tuple | list) and len(colour) == 4 and all(
        abs(a - b) < 0.02 for a, b in zip(colour, GOLD, strict=True))


def _stacked(page, quotes: list[Quote]) -> list[tuple[Quote, Quote]]:
    """Quotes one under the other in a column with no body text between them."""
    low, high = BODY_SIZES
    out = []
    for a in quotes:
        for b in quotes:
            if b.column != a.column or b.top <= a.bottom:
                continue
            if any(q.column == a.column and a.bottom < q.top < b.top for q in quotes):
                continue  # not the next one down
            between = [c for c in page.chars if low <= c["size"] <= high
                       and "Serif" in c["fontname"] and a.bottom < c["top"] < b.top
                       and a.x0 - 1 <= c["x0"] <= a.x1 and c["text"].strip()]
            if not between:
                out.append((a, b))
    return out


def _body_text(page, grid: Grid, folio: int, columns: int) -> str:
    """The page's body text as letters only, column by column (a hyphenated word whole)."""
    low, high = BODY_SIZES
    step = grid.column_width(columns, folio) + grid.gutter
    left = grid.body(folio).x
    chars = [c for c in page.chars if low <= c["size"] <= high and "Serif" in c["fontname"]]
    chars.sort(key=lambda c: (int((c["x0"] - left + 1) // step), round(c["bottom"]),
                              c["x0"]))
    return _letters("".join(c["text"] for c in chars))


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def _off_spread(quotes: list[Quote], texts: dict[int, str], owners: dict) -> list:
    """Quotes whose sentence is found in their article's text, but on another spread."""
    out = []
    for quote in quotes:
        wanted = _letters(quote.text)
        verso = quote.folio // 2 * 2
        if len(wanted) < 12 or wanted in texts.get(verso, "") + texts.get(verso + 1, ""):
            continue
        pages = sorted(f for f, a in owners.items() if a.slug == quote.slug)
        joined = "".join(texts.get(f, "") for f in pages)
        at = joined.find(wanted)
        if at < 0:
            continue  # the quote does not repeat its text word for word
        start = 0
        for folio in pages:
            start += len(texts.get(folio, ""))
            if at < start:
                if folio // 2 * 2 != verso:
                    out.append((quote, folio))
                break
    return out


def main(argv: list[str] | None = None) -> int:
    def check(args) -> int:
        print("\n".join(makeup_report(args.pdf, args.issue).lines()))
        return 0

    return run_check("makeup", __doc__, argv, check)


if __name__ == "__main__":
    raise SystemExit(main())
