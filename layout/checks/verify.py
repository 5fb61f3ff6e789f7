"""Nothing lost: every word of every article appears in the PDF's text, in order.

The PDF's outline gives each article's first page; the text of its pages is read back with
pypdf and the article's words are looked for in order, allowing line-end hyphenation and
page furniture in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

from layout.content.model import (
    Article,
    Issue,
)
from layout.content.texts import article_texts

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
WINDOW = 600  # tokens of furniture or repeated text tolerated between two words
FURNITURE = 40  # tokens between the halves of a word hyphenated at a page end: the folio,
# the next running head and, in a proof, the slug line ('PROOF round 1 2023-11-14 …': ~20)


def words(text: str) -> list[str]:
    """Lower-case letter/digit runs: hyphens, dashes and punctuation are not words."""
    return [w.lower() for w in _WORD.findall(text.replace("\u00ad", ""))]


def article_words(article: Article) -> list[str]:
    """The article's words in the order its template sets them (running kickers aside)."""
    return words(" ".join(t.text for t in article_texts(article) if t.role != "section"))


@dataclass
class ArticleReport:
    slug: str
    expected: int
    missing: list[str] = field(default_factory=list)


def _match_at(tokens: list[str], j: int, word: str) -> int | None:
    """If tokens from j spell word, the next j.

    A word hyphenated at a line end comes in pieces; at a page end the next page's running
    head and folio (a few tokens) stand between them.
    """
    acc = ""
    while j < len(tokens) and word.startswith(acc + tokens[j]):
        acc += tokens[j]
        j += 1
        if acc == word:
            return j
        for gap in range(1, FURNITURE + 1) if j < len(tokens) else ():
            nxt = j + gap
            if nxt < len(tokens) and word.startswith(acc + tokens[nxt]) \
                    and not word.startswith(acc + tokens[j]):
                j = nxt
                break
    return None


def find_in_order(expected: list[str], tokens: list[str]) -> list[str]:
    """The expected words not found, in order, in tokens."""
    missing, pos = [], 0
    for word in expected:
        for j in range(pos, min(pos + WINDOW, len(tokens))):
            end = _match_at(tokens, j, word)
            if end is not None:
                pos = end
                break
        else:
            missing.append(word)
    return missing


def page_texts(pdf: Path) -> tuple[list[str], list[int]]:
    """Text of every page, and the 0-based first page of each outline entry."""
    reader = PdfReader(pdf)
    texts = [page.extract_text() or "" for page in reader.pages]
    starts = [reader.get_destination_page_number(item) for item in reader.outline
              if not isinstance(item, list)]
    return texts, starts


def verify(pdf: Path, issue: Issue) -> list[ArticleReport]:
    """One report per article; `missing` is empty when every word is there in order."""
    texts, starts = page_texts(pdf)
    if len(starts) != len(issue.articles):
        starts = [0] * len(issue.articles)  # no usable outline: search the whole PDF
    ends = [*starts[1:], len(texts)]
    reports = []
    for article, first, last in zip(issue.articles, starts, ends, strict=True):
        expected = article_words(article)
        tokens = words(" ".join(texts[first:max(last, first + 1)]))
        reports.append(ArticleReport(article.slug, len(expected), find_in_order(expected, tokens)))
    return reports
