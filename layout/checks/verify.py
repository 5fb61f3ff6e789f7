"""Nothing lost: every character of every article is in the PDF, in order.

The PDF is read back as an outsider reads it: the glyphs each page draws, in the order its
content draws them, mapped to characters by the fonts' ToUnicode maps (pdfplumber), page
furniture (marked as artifacts) left out. The only characters a typesetter may add are the
hyphens of words broken at a line end, which the engine draws as U+00AD: they are removed.
Then each text of the article (title, standfirst, paragraphs, captions …) must appear as
typed, in order (a full-page picture's caption, which floats to a page of its own, anywhere
on the article's pages): every hyphen, every word space and every punctuation mark. White space is
compared as white space (a no-break space prints as a space), U+2010 as the hyphen it is;
characters are compared as typed, code point for code point.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from layout.content.model import Article, Issue
from layout.content.texts import article_texts
from layout.errors import IssueError

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
UPPER = ("pullquote",)  # set in capitals by the design while short, a longer one as typed
FLOATING = ("pullquote", "sidebar-title", "sidebar")  # boxes that may be drawn after text
# that follows their call (compose/columns.py)
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff"))  # typed or added, never printed
CONTEXT = 18  # characters shown either side of a difference


def words(text: str) -> list[str]:
    """Lower-case letter/digit runs: hyphens, dashes and punctuation are not words."""
    return [w.lower() for w in _WORD.findall(text.replace("\u00ad", ""))]


def article_words(article: Article) -> list[str]:
    """The article's words in the order its template sets them (running kickers aside)."""
    return words(" ".join(t.text for t in article_texts(article) if t.role != "section"))


def normal(text: str) -> str:
    """Text as compared: invisible characters out, any white space one space."""
    text = text.translate(INVISIBLE).replace("\u2010", "-")
    return _SPACE.sub(" ", text).strip()


@dataclass
class Difference:
    """Where the PDF does not say what the source says."""

    page: int  # 1-based page of the PDF
    line: int  # line of the article file
    source: str
    pdf: str

    def __str__(self) -> str:
        return f"p. {self.page} (line {self.line}): source '{self.source}' — PDF '{self.pdf}'"


@dataclass
class ArticleReport:
    slug: str
    expected: int  # characters checked
    differences: list[Difference] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """The differences as text (empty when everything is there)."""
        return [str(d) for d in self.differences]


@dataclass
class PageText:
    """A page's text as drawn (furniture left out), and the page each character is on."""

    text: str
    pages: list[int]


def pdf_text(pdf: Path, first: int = 0, last: int | None = None) -> PageText:
    """The text drawn on pages first..last (0-based, end exclusive), normalised."""
    import pdfplumber

    chars: list[str] = []
    pages: list[int] = []
    with pdfplumber.open(pdf) as document:
        for number in range(first, len(document.pages) if last is None else last):
            page = document.pages[number]
            for char in page.chars:
                if char.get("tag") == "Artifact":
                    continue
                chars.append(char["text"])
                pages.append(number + 1)
    text, kept = [], []  # normalised as `normal` does, each kept character's page noted
    for piece, page in zip(chars, pages, strict=True):
        for ch in piece:
            if ord(ch) in INVISIBLE:
                continue
            if ch.isspace():
                if text and text[-1] == " ":
                    continue
                ch = " "
            text.append("-" if ch == "\u2010" else ch)
            kept.append(page)
    return PageText("".join(text), kept)


def outline_starts(pdf: Path) -> list[int]:
    """The 0-based first page of each outline entry (one per article)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    return [reader.get_destination_page_number(item) for item in reader.outline
            if not isinstance(item, list)]


def verify(pdf: Path, issue: Issue) -> list[ArticleReport]:
    """One report per article; `differences` is empty when every character is there.

    Give only a PDF `check_same_issue` (or pdf_input.check_pdf) has checked."""
    starts = outline_starts(pdf)
    whole = pdf_text(pdf)
    total = max(whole.pages, default=0)
    if len(starts) != len(issue.articles):
        starts = [0] * len(issue.articles)  # no usable outline: search the whole PDF
    ends = [*starts[1:], total]
    reports = []
    mode = link_mode(issue)
    for article, first, last in zip(issue.articles, starts, ends, strict=True):
        page_text = _pages(whole, first + 1, max(last, first + 1))
        reports.append(check_article(article, page_text, mode))
    return reports


def link_mode(issue: Issue) -> str:
    """How the issue's theme prints a link's address (a note adds calls to the text)."""
    from layout.style.theme import Theme

    try:
        return Theme(issue.theme_path).text("link.address")
    except (OSError, IssueError):
        return "after"


def _pages(whole: PageText, first: int, last: int) -> PageText:
    """The part of the text on pages first..last (1-based, inclusive)."""
    keep = [k for k, page in enumerate(whole.pages) if first <= page <= last]
    if not keep:
        return PageText("", [])
    a, b = keep[0], keep[-1] + 1
    return PageText(whole.text[a:b], whole.pages[a:b])


def check_article(article: Article, drawn: PageText, link_mode: str = "after",
                  upper: tuple[str, ...] = UPPER, floating: str = "find") -> ArticleReport:
    """Each text of the article, found as typed and in order in what its pages draw (the
    roles in `upper` as the design sets them, in capitals; links as `link_mode` prints them).

    A pull quote or sidebar may float: drawn after text that follows its call (where it
    did not fit, the text ran on and the box headed the next column). Such boxes are found
    first, in their own order, and taken out of the drawn text; the rest must then be there
    in order. Where the boxes' text is read apart (a structure tree), `floating` is "skip"
    (the text without them) or "only" (the boxes' text alone).
    """
    report = ArticleReport(article.slug, 0)
    pieces = [p for p in article_texts(article, link_mode)
              if p.role != "section"]  # the running kicker: furniture

    def in_order(drawn: PageText, report: ArticleReport) -> ArticleReport:
        if floating != "only":  # (with "skip", the moving pictures and stats: the structure
            # has them where they are drawn too)
            drawn, floating_missing = _take_floating(pieces, drawn, report, upper)
        else:
            floating_missing = []
        _in_order(pieces, drawn, report, upper, floating)
        report.differences += floating_missing
        report.differences += _raw_notes(article, drawn)
        return report

    if floating != "find":  # the boxes are read apart (a tagged PDF's structure tree knows them)
        pieces = [p for p in pieces if _floats(p) == (floating == "only")]
    if floating != "only":
        drawn = _take_apart(pieces, drawn, report,
                            lambda d: len(in_order(d, ArticleReport("", 0)).differences))
    return in_order(drawn, report)


def _in_order(pieces: list, drawn: PageText, report: ArticleReport, upper: tuple[str, ...],
              floating: str) -> None:
    """Each text not floating nor apart found after the one before it."""
    position = 0
    for piece in pieces:
        if (floating != "only" and _floats(piece, drawn=True)) or piece.apart:
            continue
        expected = normal(piece.text.upper() if piece.role in upper else piece.text)
        if not expected:
            continue
        report.expected += len(expected)
        found = drawn.text.find(expected, position)
        if found < 0 and piece.role in upper:  # a long quote: set as typed
            typed = normal(piece.text)
            found = drawn.text.find(typed, position)
            expected = typed if found >= 0 else expected
        if found >= 0:
            raw = _raw_marker(piece.role, drawn.text, found)
            if raw:
                page = drawn.pages[found] if found < len(drawn.pages) else 0
                report.differences.append(Difference(page, piece.line, f"{raw}(markup)",
                                                     _word_at(drawn.text, found)))
            position = found + len(expected)
            continue
        difference, position = _difference(expected, drawn, position, piece.line)
        report.differences.append(difference)


RAW_BEFORE = {"table": ("|", "| "), "table-head": ("|", "| ")}
# a typed list marker and its space: a set item's marker is drawn apart from its text, with
# no space character between them ('•Text', '1.Text'), a list printed as typed has one
_RAW_ITEM = re.compile(r"([-*+]|(?<!\d)\d{1,9}[.)]) $")


def _raw_marker(role: str, text: str, found: int) -> str:
    """The Markdown marker printed just before a list item or table cell, if any: the list
    or table was printed as typed, not set."""
    if role == "list":
        match = _RAW_ITEM.search(text, max(found - 12, 0), found)
        return match.group(1) + " " if match else ""
    for marker in RAW_BEFORE.get(role, ()):
        if text[max(found - len(marker), 0):found] == marker:
            return marker
    return ""


def _raw_notes(article: Article, drawn: PageText) -> list[Difference]:
    """A note call or note printed as its Markdown ('[^1]') instead of a number."""
    out = []
    for block in article.blocks:
        for note in getattr(block, "notes", ()):
            typed = f"[^{note.label}]"
            at = drawn.text.find(typed)
            if at >= 0:
                out.append(Difference(drawn.pages[at], note.line, f"note {note.number}",
                                      _word_at(drawn.text, at)))
    return out


def _take_apart(pieces: list, drawn: PageText, report: ArticleReport,
                differences: Callable[[PageText], int]) -> PageText:
    """A full-page picture's caption and credit: found anywhere on the article's pages, and
    taken out of the text they would otherwise stand between.

    A text drawn more than once ('Photo: Jane Doe' under three pictures) is taken where the
    rest of the article then reads in order (`differences` counts what does not); a credit
    right after its own caption is taken there.
    """
    after_caption = None  # where the last full-page caption of this figure was taken out
    line = None
    for piece in pieces:
        if not piece.apart or not (expected := normal(piece.text)):
            continue
        report.expected += len(expected)
        if piece.line != line:
            line, after_caption = piece.line, None
        if after_caption is not None and drawn.text.startswith(expected, after_caption):
            drawn = _cut(drawn, after_caption, expected)
            continue
        found = [m.start() for m in re.finditer(re.escape(expected), drawn.text)]
        if not found:
            report.differences.append(_difference(expected, drawn, 0, piece.line)[0])
            continue
        if len(found) > 1:
            found.sort(key=lambda at: differences(_cut(drawn, at, expected)))
        drawn, after_caption = _cut(drawn, found[0], expected), found[0]
    return drawn


def _cut(drawn: PageText, found: int, expected: str) -> PageText:
    """The drawn text without `expected` at `found` (and the spaces after it)."""
    end = found + len(expected)
    after = drawn.text[end:]
    spaces = len(after) - len(after.lstrip(" "))
    return PageText(drawn.text[:found] + after[spaces:],
                    drawn.pages[:found] + drawn.pages[end + spaces:])


def _floats(piece, drawn: bool = False) -> bool:
    """A text in a box that may be drawn after the text that follows its call; with `drawn`
    (read in the order the pages draw it, or a structure built in that order) also a
    moving picture's or stats' (which may fill a column's foot before their call)."""
    return piece.role in FLOATING or piece.boxed or (drawn and piece.moves)


def _take_floating(pieces: list, drawn: PageText, report: ArticleReport,
                   upper: tuple[str, ...] = UPPER) -> tuple[PageText, list[Difference]]:
    """Find the floating boxes' texts in order and cut them out of the drawn text."""
    keep = [True] * len(drawn.text)
    missing: list[Difference] = []
    position = 0
    floating = [p for p in pieces if _floats(p, drawn=True)]

    def shown(piece) -> str:
        return normal(piece.text.upper() if piece.role in upper else piece.text)

    for k, piece in enumerate(floating):
        expected = shown(piece)
        if not expected:
            continue
        report.expected += len(expected)
        after = [shown(p) for p in floating[k + 1:k + 5] if p.line == piece.line]
        found = _in_its_box(drawn.text, expected, after, position)
        if found < 0 and piece.role in upper:  # a long quote: set as typed
            typed = normal(piece.text)
            found = _standing_alone(typed, drawn.text, position, pieces)
            expected = typed if found >= 0 else expected
        if found < 0:
            difference, _ = _difference(expected, drawn, position, piece.line)
            missing.append(difference)
            continue
        keep[found:found + len(expected)] = [False] * len(expected)
        position = found + len(expected)
    text = "".join(ch for ch, k in zip(drawn.text, keep, strict=True) if k)
    pages = [page for page, k in zip(drawn.pages, keep, strict=True) if k]
    return PageText(text, pages), missing


NEAR = 3  # characters at most between two texts of one box as drawn (a stats figure, its label)


def _in_its_box(text: str, expected: str, after: list[str], position: int) -> int:
    """Where `expected` is drawn from `position` on: where more of the box's next texts
    (`after`, in order) follow it closely, then most closely (a box draws its texts one after
    the other), so that a stats figure ('2 000 000') is found in its box, not in the body's
    sentence that says it too ('2 000 000 volunteers'); else the first place."""
    first = found = text.find(expected, position)
    best, best_score = first, (0, 0)
    while after and found >= 0:
        end, score = found + len(expected), (0, 0)
        for following in after:
            at = text.find(following, end, end + NEAR + len(following))
            if at < 0:
                break
            score = (score[0] + 1, score[1] - (at - end))
            end = at + len(following)
        if score > best_score:
            best, best_score = found, score
        found = text.find(expected, found + 1)
    return best


def _standing_alone(typed: str, text: str, position: int, pieces: list) -> int:
    """Where a box's text, which repeats a sentence of the body as typed (a long pull
    quote), is drawn on its own: the first place after `position` that is not the body's
    own sentence (drawn between the words that stand around it in its paragraph); -1 if
    none."""
    around = []  # (before, after) the sentence, in each paragraph that holds it
    for body in (normal(p.text) for p in pieces if p.role not in FLOATING):
        at = body.find(typed)
        while at >= 0:
            around.append((body[max(at - CONTEXT, 0):at].strip(),
                           body[at + len(typed):at + len(typed) + CONTEXT].strip()))
            at = body.find(typed, at + 1)
    found = text.find(typed, position)
    while found >= 0:
        drawn_before = text[max(found - 2 * CONTEXT, 0):found].strip()
        drawn_after = text[found + len(typed):found + len(typed) + 2 * CONTEXT].strip()
        if not any((before or after) and drawn_before.endswith(before)
                   and drawn_after.startswith(after) for before, after in around):
            return found
        found = text.find(typed, found + 1)
    return -1


CONTEXT = 12  # characters around a repeated sentence that tell the body's own


def _difference(expected: str, drawn: PageText, position: int, line: int
                ) -> tuple[Difference, int]:
    """Where `expected` stops matching the drawn text: the longest prefix found, and the
    word around the first character that differs, in the source and in the PDF."""
    low, high, at = 0, len(expected), -1
    while low < high:  # the longest prefix of expected that is drawn after `position`
        middle = (low + high + 1) // 2
        found = drawn.text.find(expected[:middle], position)
        if found >= 0:
            low, at = middle, found
        else:
            high = middle - 1
    if at < 0:
        page = drawn.pages[position] if position < len(drawn.pages) else (
            drawn.pages[-1] if drawn.pages else 0)
        return Difference(page, line, _clip(expected, 0), "(not found)"), position
    where = at + low
    page = drawn.pages[min(where, len(drawn.pages) - 1)] if drawn.pages else 0
    return (Difference(page, line, _word_at(expected, low), _word_at(drawn.text, where)),
            where)


def _word_at(text: str, k: int) -> str:
    """The words around position k (where two texts part)."""
    start = text.rfind(" ", 0, max(k - CONTEXT // 2, 0))
    end = text.find(" ", min(k + CONTEXT // 2, len(text)))
    return text[start + 1 if start >= 0 else 0:end if end >= 0 else len(text)]


def _clip(text: str, k: int) -> str:
    return text[k:k + 2 * CONTEXT] + ("…" if len(text) > k + 2 * CONTEXT else "")


def check_same_issue(pdf: Path, issue: Issue) -> None:
    """Refuse a PDF that is not safe to read (pdf_input.py), or whose issue line (its
    document title) is not this issue's."""
    from pypdf import PdfReader

    from layout.pdf_input import check_pdf

    check_pdf(pdf)
    expected = f"{issue.magazine} {issue.issue_line}"
    title = str((PdfReader(pdf).metadata or {}).get("/Title", "") or "")
    if title != expected:
        found = f"'{title}'" if title else "a PDF without an issue line"
        raise IssueError(pdf, None, f"this PDF is {found}, not '{expected}' of {issue.root}/",
                         "give the issue folder it was built from: layout verify PDF ISSUE_DIR")
