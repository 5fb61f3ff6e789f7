"""ReportLab's Paragraph with total-fit line breaking, and its line breaks remembered.

Justified paragraphs choose their breaks with the Knuth–Plass algorithm (compose.linebreak)
instead of ReportLab's first fit. ReportLab still builds and draws the lines: it is asked to
break at exactly the chosen places (each line's width is given as the natural width of the
chosen line), and each line's spare space is then set against the real column width, so
justification stretches or shrinks the word spaces. When a paragraph is split across
columns both halves keep the chosen lines (re-breaking a half would choose others that may
no longer fit).

Line breaks are also remembered per (text, style, rounded width): balanced columns try
many column heights and re-wrap every paragraph for each. Both lean on ReportLab 5.1's
Paragraph internals (breakLines' result and side effects, split); tests cover the split path.
"""

from __future__ import annotations

import re
from copy import copy
from functools import lru_cache

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import _getFragWords

from layout.compose.hyphenate import break_points
from layout.compose.linebreak import INFINITY, Box, Glue, Penalty, Settings, break_lines

SHY = "\u00ad"
STRETCH, SHRINK = 1.0, 1 / 3  # of the natural word space
EPS = 0.01  # pt: room for rounding when ReportLab re-measures a chosen line
SETTINGS = Settings()
FALLBACKS = {"count": 0}  # paragraphs that had to keep ReportLab's own breaks

_MEMO: dict = {}
_LIMIT = 200_000
_STYLE_KEYS = ("name", "fontName", "fontSize", "leading", "firstLineIndent", "leftIndent",
               "rightIndent", "hyphenationLang", "embeddedHyphenation", "uriWasteReduce",
               "splitLongWords", "wordWrap", "hyphenationMinWordLength", "language",
               "total_fit")
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
_TOKEN = re.compile(r"\S{5,}")


def soft_hyphenate(markup: str, language: str) -> str:
    """Markup with a soft hyphen at every place a word may break."""
    parts = _MARKUP.split(markup)
    for k in range(0, len(parts), 2):  # text between tags and entities
        parts[k] = _TOKEN.sub(lambda m: _shy(m.group(0), language), parts[k])
    return "".join(parts)


def _shy(word: str, language: str) -> str:
    points = break_points(word, language)
    if not points:
        return word
    pieces, last = [], 0
    for point in points:
        pieces.append(word[last:point])
        last = point
    pieces.append(word[last:])
    return SHY.join(pieces)


class Paragraph(_Paragraph):
    """A platypus Paragraph; justified ones (style.total_fit) break by total fit."""

    def __init__(self, text, style, *args, **kwargs):
        if text is not None and getattr(style, "total_fit", False):
            text = soft_hyphenate(text, getattr(style, "language", "en"))
        super().__init__(text, style, *args, **kwargs)
        # ReportLab 5.1 loses the word space after a soft-hyphenated word in a paragraph of
        # several styles: such paragraphs break only at spaces and explicit hyphens
        self._soft = len(self.frags) == 1
        if not self._soft:
            for frag in self.frags:
                if hasattr(frag, "text"):
                    frag.text = frag.text.replace(SHY, "")

    def breakLines(self, width):
        if not getattr(self.style, "total_fit", False) or self.style.alignment != TA_JUSTIFY:
            return self._remembered(width, super().breakLines)
        natural = getattr(self, "_natural_widths", None)
        if natural is not None:  # one half of a split paragraph: keep the chosen lines
            return self._rebuild(natural, width) or super().breakLines(width)
        return self._remembered(width, self._total_fit)

    def deepcopy(self):
        """The copy ReportLab splits when it tries a column height (balanced columns).

        Split never edits what the copy shares with this paragraph (frags, lines, style): it
        builds new paragraphs from them. So a shallow copy serves, at a fraction of the cost
        of copy.deepcopy, which balanced columns call several times per page.
        """
        return copy(self)

    def split(self, availWidth, availHeight):
        natural = getattr(self, "_natural_widths_used", None)
        parts = super().split(availWidth, availHeight)
        if natural is not None and len(parts) == 2:
            lines = len(parts[0].blPara.lines)
            parts[0]._natural_widths = natural[:lines]
            parts[1]._natural_widths = natural[lines:]
        return parts

    # -- total fit

    def _total_fit(self, width):
        if not all(hasattr(f, "text") for f in self.frags):
            return super().breakLines(width)  # a half of a split, already broken by ReportLab
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        # ReportLab does not always agree to break after a hyphen where total fit chose to:
        # then the paragraph is broken again without those places
        for explicit_hyphens in (True, False):
            items, natural_of = self._items(widths, explicit_hyphens)
            breaks = break_lines(items, widths, SETTINGS) if items else None
            if breaks:
                lines = self._rebuild(natural_of(breaks), width)
                if lines is not None:
                    return lines
        FALLBACKS["count"] += 1
        self._natural_widths_used = None
        return super().breakLines(width)

    def _items(self, widths, explicit_hyphens: bool = True):
        """Boxes, glue and penalties for the paragraph's words."""
        language = getattr(self.style, "language", "en")
        line = max(widths)
        soft = getattr(self, "_soft", True)
        words = _getFragWords(self.frags, line)
        items: list = []
        last = len(words) - 1
        for index, word in enumerate(words):
            pieces = word[1:]
            if not pieces:
                continue
            frag, text = pieces[-1]
            font, size = frag.fontName, frag.fontSize
            if len(pieces) == 1:
                items += _word_items(text, word[0], font, size, language, line,
                                     explicit_hyphens, soft)
            else:
                items.append(Box(word[0]))
            if index < last:
                items.append(_space(font, size))
        items += [Penalty(0, INFINITY), Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]

        def natural_of(breaks):
            out, start = [], 0
            for end in breaks:
                width = sum(i.width for i in items[start:end] if not isinstance(i, Penalty))
                if isinstance(items[end], Penalty):
                    width += items[end].width
                out.append(width)
                start = end + 1
                while start < len(items) and not isinstance(items[start], Box):
                    start += 1
            return out

        return items, natural_of

    def _rebuild(self, natural, width):
        """ReportLab's lines broken where the natural widths say, justified to `width`."""
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        forced = [n + EPS for n in natural] + [natural[-1] + EPS if natural else widths[-1]]
        lines = super().breakLines(forced)
        if len(lines.lines) != len(natural):
            return None
        for k, line in enumerate(lines.lines):
            real = widths[k] if k < len(widths) else widths[-1]
            extra = _extra(line)
            used = forced[k] - extra
            if abs(used - natural[k]) > 0.05:
                return None
            _set_extra(lines, k, real - used)
        self._natural_widths_used = list(natural)
        return lines

    # -- memo

    def _remembered(self, width, compute):
        key = self._break_key(width)
        if key is None:
            return compute(width)
        hit = _MEMO.get(key)
        if hit is None:
            lines = compute(key[0])  # the rounded width: lines depend on the key only
            if len(_MEMO) > _LIMIT:
                _MEMO.clear()
            _MEMO[key] = (lines, self._width_max, self.height, self._splitLongWordCount,
                          self._hyphenations, getattr(self, "_natural_widths_used", None))
            return lines
        (lines, self._width_max, self.height, self._splitLongWordCount, self._hyphenations,
         self._natural_widths_used) = hit
        return lines

    def _break_key(self, width) -> tuple | None:
        if not all(hasattr(f, "text") for f in self.frags):
            return None  # the pieces of a split multi-style paragraph: not worth a key
        if isinstance(width, (list, tuple)):
            widths = _Widths(round(w, 3) for w in width)
        else:
            widths = round(width, 3)
        style = tuple(getattr(self.style, k, None) for k in _STYLE_KEYS)
        frags = tuple((f.text, f.fontName, f.fontSize, getattr(f, "rise", 0))
                      for f in self.frags)
        return widths, self.bulletText, style, frags


@lru_cache(maxsize=50_000)
def _space(font: str, size: float) -> Glue:
    space = stringWidth(" ", font, size)
    return Glue(space, space * STRETCH, space * SHRINK)


@lru_cache(maxsize=200_000)
def _word_items(text: str, width: float, font: str, size: float, language: str,
                line: float, explicit_hyphens: bool = True, soft: bool = True) -> tuple:
    """A word as boxes with penalties where it may break (hyphenation, explicit hyphens).

    Remembered: words recur, and the items are immutable.
    """
    points = [(p, True) for p in break_points(text, language)] if soft else []
    if explicit_hyphens and "-" in text:
        points += [(k + 1, False) for k, ch in enumerate(text[:-1]) if ch == "-" and k >= 2
                   and text[k - 1].isalpha() and text[k + 2:k + 3].isalpha()]
    if width > line:  # wider than the column: break it anywhere rather than overflow
        points += [(k, True) for k in range(2, len(text) - 1, 2)]
    if not points:
        return (Box(width),)
    points.sort()
    hyphen = stringWidth("-", font, size)
    items, last = [], 0
    for point, soft_point in points:
        if point <= last:
            continue
        items.append(Box(stringWidth(text[last:point], font, size)))
        cost = SETTINGS.hyphen_penalty if soft_point else SETTINGS.explicit_hyphen_penalty
        items.append(Penalty(hyphen if soft_point else 0.0, cost, True))
        last = point
    items.append(Box(stringWidth(text[last:], font, size)))
    return tuple(items)


def _extra(line) -> float:
    return line[0] if isinstance(line, tuple) else line.extraSpace


def _set_extra(lines, k: int, extra: float) -> None:
    line = lines.lines[k]
    if isinstance(line, tuple):
        lines.lines[k] = (extra, line[1])
    else:
        line.extraSpace = extra


class _Widths(list):
    """A list of line widths that can be part of a dictionary key."""

    def __hash__(self):
        return hash(tuple(self))
