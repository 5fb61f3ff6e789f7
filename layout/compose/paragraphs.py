"""ReportLab's Paragraph with its line breaking remembered.

Balanced columns try many column heights and deep-copy and re-wrap every paragraph for each
try; a paragraph's lines at a given width never change, so each (text, style, width) is
broken once. Pinned to ReportLab 5.1: breakLines' side effects on the paragraph are saved
and restored with its result.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph

_MEMO: dict = {}
_LIMIT = 200_000
_STYLE_KEYS = ("name", "fontName", "fontSize", "leading", "firstLineIndent", "leftIndent",
               "rightIndent", "hyphenationLang", "embeddedHyphenation", "uriWasteReduce",
               "splitLongWords", "wordWrap", "hyphenationMinWordLength")


class Paragraph(_Paragraph):
    """A platypus Paragraph whose breakLines results are shared between equal paragraphs."""

    def breakLines(self, width):
        key = self._break_key(width)
        if key is None:
            return super().breakLines(width)
        hit = _MEMO.get(key)
        if hit is None:
            lines = super().breakLines(key[0])  # the rounded width: lines depend on the key only
            if len(_MEMO) > _LIMIT:
                _MEMO.clear()
            _MEMO[key] = (lines, self._width_max, self.height, self._splitLongWordCount,
                          self._hyphenations)
            return lines
        lines, self._width_max, self.height, self._splitLongWordCount, self._hyphenations = hit
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


class _Widths(list):
    """A list of line widths that can be part of a dictionary key."""

    def __hash__(self):
        return hash(tuple(self))
