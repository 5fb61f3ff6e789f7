"""The paragraph as a platypus flowable: it wraps to a width, splits by whole lines, draws.

Lines are chosen once per width (and remembered); a split hands its lines over unchanged,
so the part continued in the next column keeps its breaks and its word spaces. No paragraph
splits to leave fewer than two lines at either end (no widows, no orphans), nor inside the
lines of its drop cap. Where the reader turns the leaf (the last line of a recto), a split
never leaves a hyphen: that line goes over to the next page (TeX's \\brokenpenalty, taken as
a rule), unless the paragraph's head would then be too short.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Flowable

from layout.compose.ledger import Ledger
from layout.compose.tagging import Tag, marked
from layout.compose.text.draw import Initial, draw_lines
from layout.compose.text.lines import Line, set_lines
from layout.compose.text.prepare import Prepared, Spec, prepare
from layout.content.model import Run
from layout.style.styles import TextStyle


def _ends_broken(prepared: Prepared, line: Line) -> bool:
    """The line ends in a hyphen, drawn at a hyphenation or typed."""
    return line.hyphen or prepared.text[line.end - 1:line.end] in ("-", "\u2010", "\u00ad")


def typed_links(runs: list[Run]) -> list[tuple[int, int, str]]:
    """(start, end, where it goes) of each linked stretch of the runs: a `[text](url)`'s
    text (and its address printed after it), a note's call ('note:N', N the number it
    prints: the note's, also when the notes are renumbered)."""
    out: list[tuple[int, int, str]] = []
    at = 0
    for run in runs:
        if not run.text:
            continue
        target = run.link or (f"note:{run.text.strip()}" if run.note else "")
        if target and out and out[-1][1] == at and out[-1][2] == target:
            out[-1] = (out[-1][0], at + len(run.text), target)
        elif target:
            out.append((at, at + len(run.text), target))
        at += len(run.text)
    return out


def typed_languages(runs: list[Run], language: str) -> list[tuple[int, int, str]]:
    """(start, end, language) of each passage of the runs typed in another language than
    `language` (`[text]{lang=kk}`)."""
    out: list[tuple[int, int, str]] = []
    at = 0
    for run in runs:
        if not run.text:
            continue
        lang = run.lang if run.lang and run.lang != language else ""
        if lang and out and out[-1][1] == at and out[-1][2] == lang:
            out[-1] = (out[-1][0], at + len(run.text), lang)
        elif lang:
            out.append((at, at + len(run.text), lang))
        at += len(run.text)
    return out


class Paragraph(Flowable):
    """A paragraph of styled runs set by our own engine."""

    def __init__(self, runs: list[Run] | str, style: TextStyle, *, initial: Initial | None = None,
                 ledger: Ledger | None = None, measure: float | None = None):
        super().__init__()
        if isinstance(runs, str):
            runs = [Run(runs)]
        self.langs = typed_languages(runs, style.language)  # passages in another language
        self.lang = ""  # the paragraph's own, when all of it is one such passage
        if len(self.langs) == 1 and self.langs[0][:2] == (0, sum(len(r.text) for r in runs)):
            self.lang, self.langs = self.langs[0][2], []
            style = replace(style, language=self.lang)  # hyphenated in its language
        self.style, self.initial, self.ledger, self.measure = style, initial, ledger, measure
        spec = Spec(style.size, style.language, style.align == "justify", style.hyphenate,
                    style.expansion if style.align == "justify" else 0.0, style.setting)
        text_runs = tuple((" ".join(r.text.split("\n")), style.face(r.bold, r.italic),
                           r.script) for r in runs if r.text)
        self.prepared: Prepared = prepare(text_runs, spec)
        self.from_char = 0  # where this part starts in the paragraph's text
        self.fixed: tuple[float, list[Line]] | None = None  # lines a split handed over
        self.spaceBefore, self.spaceAfter = style.space_before, style.space_after
        self.keepWithNext = style.keep_with_next
        self.leading = style.leading
        self.lines: list[Line] = []
        self.tag = Tag.for_style(style.name, self.prepared.text)  # the screen edition's
        self.links = typed_links(runs)  # the screen edition's: what the text links to
        self.around: tuple[int, float, float] | None = None  # (lines, narrower by, moved
        # right by): the first lines of this part beside an inset picture (compose.inset)

    # -- what platypus asks

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.lines = self._lines(avail_width)
        self.height = self._height(self.lines)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        lines = self._lines(avail_width)
        if self._height(lines) <= avail_height + 1e-6:
            return [self]
        fit = int((avail_height + 1e-6) // self.leading)
        head_min = self.style.orphans
        if self.initial and self.from_char == 0:
            head_min = max(head_min, self.initial.indented)
        fit = min(fit, len(lines) - self.style.widows)
        if self.ledger is not None and self.ledger.at_page_turn and fit > head_min \
                and _ends_broken(self.prepared, lines[fit - 1]):
            fit -= 1  # no hyphen where the reader turns the leaf: the line goes over
        if fit < head_min:
            return []
        head = self._part(lines[:fit], avail_width, self.from_char)
        head.spaceAfter = 0
        tail = self._part(lines[fit:], avail_width, lines[fit].start, skipped=fit)
        tail.spaceBefore, tail.initial = 0, None
        return [head, tail]

    def drawOn(self, canvas, x, y, _sW=0):
        if self.ledger is not None:
            words = sum(line.words for line in self.lines)
            self.ledger.text(canvas.getPageNumber(), canvas.absolutePosition(x, y)[1],
                             len(self.lines), words, self.leading)
        super().drawOn(canvas, x, y, _sW)

    def draw(self):
        if not self.lines:
            return
        style, lines = self.style, self.lines
        top = self.height - style.size
        baselines = [top - k * self.leading for k in range(len(lines))]
        xs = [self._x_of(k) for k in range(len(lines))]
        initial = self.initial if self.from_char == 0 else None
        initial_baseline = top - (initial.lines - 1) * self.leading if initial else 0.0
        if self.lang and self.tag.role != "Artifact":
            self.tag.lang = self.lang  # the screen edition's: a passage's /Lang
        with marked(self.canv, self.tag, self.height) as marking:  # the screen edition's
            cuts = marking.links(self.text, lines[0].start, lines[-1].end,
                                 self.links, self.langs,
                                 self.prepared.hidden) if marking else None
            draw_lines(self.canv, self.prepared, lines, xs, baselines, style.colour, initial,
                       initial_baseline, cuts)

    # -- our own

    @property
    def text(self) -> str:
        """The paragraph's text as typed."""
        return self.prepared.text

    def _height(self, lines: list[Line]) -> float:
        height = len(lines) * self.leading
        if self.initial and self.from_char == 0 and lines:
            height = max(height, self.initial.indented * self.leading)  # the initial hangs below
        return height

    def _widths(self, width: float) -> list[float]:
        measure = min(self.measure, width) if self.measure else width
        if self.from_char:
            widths = [measure]
        elif self.initial:
            widths = [measure - self.initial.width] * self.initial.indented + [measure]
        else:
            widths = [measure - self.style.indent, measure]
        if not self.around or not self.around[0]:
            return widths
        lines, narrower, _ = self.around  # the lines beside an inset: the shorter measure
        return [widths[min(k, len(widths) - 1)] - narrower for k in range(lines)] + widths[-1:]

    def _x_of(self, k: int) -> float:
        shift = self.around[2] if self.around and k < self.around[0] else 0.0
        if self.from_char:
            return shift
        if self.initial:
            return shift + (self.initial.width if k < self.initial.indented else 0.0)
        return shift + (self.style.indent if k == 0 else 0.0)

    def _lines(self, width: float) -> list[Line]:
        if self.fixed and abs(self.fixed[0] - width) < 1e-6:
            return self.fixed[1]
        return set_lines(self.prepared, self._widths(width), self.from_char, self.style.align,
                         self.style.total_fit)

    def _part(self, lines: list[Line], width: float, from_char: int, skipped: int = 0
              ) -> Paragraph:
        """A part of this paragraph holding these lines: a new flowable (nothing of the
        bookkeeping platypus keeps on this one carries over), sharing the prepared text."""
        part = Paragraph.__new__(Paragraph)
        Flowable.__init__(part)
        part.style, part.initial, part.ledger = self.style, self.initial, self.ledger
        part.measure, part.prepared, part.leading = self.measure, self.prepared, self.leading
        part.spaceBefore, part.spaceAfter = self.spaceBefore, self.spaceAfter
        part.keepWithNext, part.tag, part.links = self.keepWithNext, self.tag, self.links
        part.langs, part.lang = self.langs, self.lang
        part.fixed, part.from_char, part.lines = (width, lines), from_char, lines
        part.around = None
        if self.around and self.around[0] > skipped:
            part.around = (self.around[0] - skipped, *self.around[1:])
        return part
