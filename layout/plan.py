"""`layout plan`: each article's natural length beside its allotment, and a proposed flatplan.

Every article is laid out with no page limit from its page in the flatplan; its natural
length is its pages, the last counted to the quarter page its text reaches (rounded up).
The proposal gives each article the whole pages its text needs and adds the pages that make
the total a multiple of 4 (saddle stitch) to the longest articles, where a picture page
reads best: no text is cut, and no allotment leaves more empty space than that.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from layout.build import FONTS_DIR, prepare
from layout.compose.fit import page_share
from layout.compose.issue import IssueComposer
from layout.kinds import generated, kind

THIRD = 1 / 3  # a last page emptier than this reads as a hole


@dataclass
class Planned:
    """One article of the flatplan: its allotment, natural length and proposed allotment."""

    slug: str
    kind: str
    allotted: int | None  # None: `pages: auto`
    natural: float  # pages, to a quarter (fixed kinds: their allotment)
    proposed: int
    fixed: bool = False  # cover, contents: made to their page
    picture: str = ""  # what its `picture_space:` keeps the last page's room for
    own_page: bool = False  # one per issue (the imprint): its page is not filled up

    @property
    def needed(self) -> int:
        return max(1, math.ceil(self.natural - 1e-9))

    def free(self, pages: int | None) -> float:
        """The empty share of a page left at the end of `pages` pages."""
        return 0.0 if self.fixed or pages is None else max(pages - self.natural, 0.0)


def natural_lengths(issue_dir: Path, fonts_dir: Path = FONTS_DIR) -> tuple[object, list[Planned]]:
    """The issue and each article's natural length in pages, to a quarter page."""
    ready = prepare(issue_dir, fonts_dir, placeholders=True)
    issue = ready.issue
    composer = IssueComposer(issue, ready.theme, ready.faces)
    composer_grid = composer.grid
    fixed_kinds = generated()
    rows, page = [], 1
    for article in issue.articles:
        if article.kind in fixed_kinds:
            pages = article.pages or 1
            rows.append(Planned(article.slug, article.kind, pages, pages, pages, fixed=True))
            page += pages
            continue
        composed = composer.compose(article, page)
        body = composer_grid.body(page + composed.pages - 1)
        used = (body.top - composed.lowest_y) / body.height if composed.pages else 0.0
        quarters = math.ceil(min(max(used, 0.0), 1.0) * 4 - 1e-6)
        natural = composed.pages - 1 + max(quarters, 1) / 4
        rows.append(Planned(article.slug, article.kind, article.pages, natural, 0,
                            picture=article.picture_space or "",
                            own_page=kind(article.kind).one_per_issue))
        page += article.pages if article.pages is not None else composed.pages
    propose(rows)
    return issue, rows


def propose(rows: list[Planned]) -> None:
    """Allotments with the least empty space that make a multiple of 4: each article's whole
    pages, and the pages still missing to the longest articles, one each."""
    for row in rows:
        if not row.fixed:
            row.proposed = row.needed
    missing = -sum(r.proposed for r in rows) % 4
    longest = sorted((r for r in rows if not r.fixed), key=lambda r: -r.natural)
    for k in range(missing if longest else 0):  # fewer articles than pages: round again
        longest[k % len(longest)].proposed += 1


def report(issue, rows: list[Planned]) -> list[str]:
    """The plan as printed: a table, the totals, what to write where."""
    out = [f"{issue.magazine} {issue.issue_line}: each article's natural length (its text, "
           "to a quarter page) beside its allotment", "",
           f"  {'article':<20} {'kind':<10} {'allotted':>8} {'natural':>8} {'proposed':>8}"]
    for r in rows:
        natural = "–" if r.fixed else _pages(r.natural)
        allotted = "auto" if r.allotted is None else str(r.allotted)
        note = "" if r.fixed else "  " + _note(r)
        out.append(f"  {r.slug:<20} {r.kind:<10} {allotted:>8} {natural:>8} {r.proposed:>8}"
                   f"{note}".rstrip())
    allotted = sum(r.allotted or r.needed for r in rows)
    natural = sum(r.natural for r in rows)
    proposed = sum(r.proposed for r in rows)
    now_free = sum(r.free(r.allotted or r.needed) for r in rows)
    free = sum(r.free(r.proposed) for r in rows)
    out += ["", f"  {'total':<20} {'':<10} {allotted:>8} {_pages(natural):>8} {proposed:>8}", "",
            f"proposed: {proposed} pages, a multiple of 4, {page_share(free)} empty "
            f"(now {allotted} pages, {page_share(now_free)} empty); no text is cut",
            "write each article's proposed allotment as its 'pages:' (or '- {slug: SLUG, "
            "pages: N}' in the flatplan)"]
    return out


def _note(row: Planned) -> str:
    """What to do with the room the proposed allotment leaves (nothing for a full one)."""
    free = row.free(row.proposed)
    if free >= 1 - 1e-9:
        blank = math.floor(free + 1e-9)
        pages = "a page" if blank == 1 else f"{blank} pages"
        return (f"{page_share(free)} empty, {pages} with no text on it: a picture page "
                "(with 'picture_space:' to keep it)")
    if free <= THIRD + 1e-9 or row.own_page:
        return ""
    if row.picture:
        return f"last page {page_share(free)} empty, kept for {row.picture}"
    return f"last page {page_share(free)} empty: a picture, a pull quote or a standfirst"


def _pages(value: float) -> str:
    """2.25 -> '2¼'."""
    whole, part = divmod(round(value * 4), 4)
    return (str(whole) if whole or not part else "") + ("", "¼", "½", "¾")[part]
