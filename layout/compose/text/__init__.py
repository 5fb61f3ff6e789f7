"""Our own paragraph engine, from styled runs to the glyphs on the page.

The phases, one module each: `prepare` (runs -> one text with kerned advances, and the boxes,
glue and penalties of every place a line may end, by the rules of the language in `rules`);
total fit in `compose.linebreak`; `lines` (the chosen breaks -> positioned lines with their
word spaces set); `draw` (lines -> PDF text operators); `flowable` (the platypus flowable
that wraps, splits by whole lines and draws them).
"""

from layout.compose.text.draw import Initial
from layout.compose.text.flowable import Paragraph

__all__ = ["Initial", "Paragraph"]
