"""Charts from data: bar, column, line and pie, drawn as vector graphics in theme colours.

Every text of a chart (title, unit, labels, values, source) is a paragraph of our engine in
the theme's faces, so it is embedded, searchable and read back by verify; the graphics are
rectangles, lines and wedges in the theme's CMYK colours. Values are printed as typed and
drawn to scale from zero.

In the screen edition a chart is one Figure (its graphics and words one marked-content
sequence) whose /Alt is the chart's `alt:`, or else is made from its data: "bar chart: TITLE
(UNIT): label value; …. SOURCE".
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from layout.compose.tagging import Tag, whole
from layout.content.model import Chart

LABEL_SHARE = 0.38  # a bar chart's labels take at most this share of the width
GAP = 3.0  # pt between a chart's parts (title, plot, labels, source)


@dataclass(frozen=True)
class ChartLook:
    bar: float
    height: float
    line: float
    axis: float
    colours: tuple
    axis_colour: object
    paper: object
    space: float


class ChartFlowable(Flowable):
    """One chart: title, unit, the plot with its labels and values, source line."""

    def __init__(self, block: Chart, kit, look: ChartLook):
        language = kit.article.language
        super().__init__()
        self.block, self.look = block, look
        self.title = kit.para(block.title_runs or block.title, "chart-title")
        self.unit = kit.para(block.unit, "credit") if block.unit else None
        self.source = kit.para(block.source, "credit") if block.source else None
        centred = "chart-centre"  # under a column or a point
        self.labels = [kit.para(label, "chart" if block.kind in ("bar", "pie") else centred)
                       for label, _, _ in block.rows]
        self.values = [kit.para(typed, "chart-value" if block.kind in ("bar", "pie")
                                else centred)
                       for _, typed, _ in block.rows]
        self.numbers = [value for _, _, value in block.rows]
        self.leading = kit.styles["chart"].leading
        self.spaceBefore = self.spaceAfter = look.space
        self.source_line = block.line
        self.tag = Tag("Figure", alt=block.alt or chart_alt(block, language))  # screen edition

    def split(self, avail_width, avail_height):
        return []  # a chart moves to the next column whole

    # -- sizes

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        top = self.title.wrap(avail_width, 1e6)[1] + GAP
        if self.unit:
            top += self.unit.wrap(avail_width, 1e6)[1] + GAP
        bottom = self.source.wrap(avail_width, 1e6)[1] + GAP if self.source else 0.0
        self.top, self.bottom = top, bottom
        self.plot_height = getattr(self, f"_{self.block.kind}_wrap")(avail_width)
        self.height = top + self.plot_height + bottom
        return self.width, self.height

    def _bar_wrap(self, width: float) -> float:
        value_width = max(v.prepared.width(0, len(v.text)) for v in self.values) + GAP
        self.value_width = value_width
        self.label_width = min(max(lb.prepared.width(0, len(lb.text)) for lb in self.labels)
                               + GAP, width * LABEL_SHARE)
        self.row_heights = []
        for label, value in zip(self.labels, self.values, strict=True):
            label_h = label.wrap(self.label_width - GAP, 1e6)[1]
            value.wrap(value_width, 1e6)
            self.row_heights.append(max(label_h, self.look.bar) + GAP)
        return sum(self.row_heights)

    def _slots(self, width: float) -> float:
        self.slot = width / len(self.labels)
        self.label_heights = [lb.wrap(self.slot - 1, 1e6)[1] for lb in self.labels]
        self.value_heights = [v.wrap(self.slot - 1, 1e6)[1] for v in self.values]
        return max(self.label_heights) + max(self.value_heights) + GAP * 2

    def _column_wrap(self, width: float) -> float:
        return self.look.height + self._slots(width)

    def _line_wrap(self, width: float) -> float:
        return self.look.height + self._slots(width)

    def _pie_wrap(self, width: float) -> float:
        self.diameter = min(self.look.height, width * 0.45)
        self.legend_x = self.diameter + 3 * GAP
        legend = width - self.legend_x
        self.legend_heights = []
        for label, value in zip(self.labels, self.values, strict=True):
            label.wrap(legend - self.look.bar - GAP, 1e6)
            value.wrap(legend - self.look.bar - GAP, 1e6)
            self.legend_heights.append(label.height + value.height + GAP)
        return max(self.diameter, sum(self.legend_heights))

    # -- drawing

    def draw(self):
        with whole(self.canv, self.tag, self.height):
            self._draw()

    def _draw(self):
        canvas = self.canv
        y = self.height - self.title.height
        self.title.drawOn(canvas, 0, y)
        if self.unit:
            y -= GAP + self.unit.height
            self.unit.drawOn(canvas, 0, y)
        plot_top = self.height - self.top
        getattr(self, f"_{self.block.kind}_draw")(plot_top)
        if self.source:
            self.source.drawOn(canvas, 0, 0)

    def _colour(self, k: int):
        colours = self.look.colours
        return colours[k % len(colours)]

    def _biggest(self) -> float:
        return max(self.numbers) or 1.0

    def _bar_draw(self, top: float) -> None:
        canvas, look = self.canv, self.look
        room = self.width - self.label_width - self.value_width
        y = top
        for label, value, number, height in zip(self.labels, self.values, self.numbers,
                                                self.row_heights, strict=True):
            label.drawOn(canvas, 0, y - label.height)
            bar_top = y - (self.leading - look.bar) / 2 - 1
            length = max(room * number / self._biggest(), look.axis)
            canvas.saveState()
            canvas.setFillColor(self._colour(0))
            canvas.rect(self.label_width, bar_top - look.bar, length, look.bar, stroke=0, fill=1)
            canvas.restoreState()
            value.drawOn(canvas, self.label_width + length + GAP, y - value.height)
            y -= height
        self._axis(self.label_width, top, self.label_width, y + GAP)

    def _axis(self, x0: float, y0: float, x1: float, y1: float) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.look.axis_colour)
        canvas.setLineWidth(self.look.axis)
        canvas.line(x0, y0, x1, y1)
        canvas.restoreState()

    def _points(self, top: float) -> tuple[float, list[tuple[float, float]]]:
        """The foot of the plot and each value's (x centre, y) on it."""
        value_room = max(self.value_heights) + GAP
        base = top - value_room - self.look.height
        scale = self.look.height / self._biggest()
        return base, [((k + 0.5) * self.slot, base + n * scale)
                      for k, n in enumerate(self.numbers)]

    def _labels_under(self, base: float) -> None:
        for k, label in enumerate(self.labels):
            label.drawOn(self.canv, k * self.slot + 0.5, base - GAP - label.height)

    def _column_draw(self, top: float) -> None:
        canvas, look = self.canv, self.look
        base, points = self._points(top)
        bar = min(look.bar * 2, self.slot * 0.7)
        for k, ((x, y), label, value) in enumerate(zip(points, self.labels, self.values,
                                                        strict=True)):
            canvas.saveState()
            canvas.setFillColor(self._colour(0))
            canvas.rect(x - bar / 2, base, bar, max(y - base, look.axis), stroke=0, fill=1)
            canvas.restoreState()
            label.drawOn(canvas, k * self.slot + 0.5, base - GAP - label.height)
            value.drawOn(canvas, k * self.slot + 0.5, max(y, base) + GAP / 2)
        self._axis(0, base, self.width, base)

    def _line_draw(self, top: float) -> None:
        canvas, look = self.canv, self.look
        base, points = self._points(top)
        self._axis(0, base, self.width, base)
        canvas.saveState()
        canvas.setStrokeColor(self._colour(0))
        canvas.setFillColor(self._colour(0))
        canvas.setLineWidth(look.line)
        canvas.setLineJoin(1)
        path = canvas.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        canvas.drawPath(path, stroke=1, fill=0)
        for x, y in points:
            canvas.circle(x, y, look.line * 1.6, stroke=0, fill=1)
        canvas.restoreState()
        for k, ((_, y), label, value) in enumerate(zip(points, self.labels, self.values,
                                                       strict=True)):
            label.drawOn(canvas, k * self.slot + 0.5, base - GAP - label.height)
            value.drawOn(canvas, k * self.slot + 0.5, y + GAP)

    def _pie_draw(self, top: float) -> None:
        canvas, look = self.canv, self.look
        total = sum(self.numbers)
        radius = self.diameter / 2
        cx, cy = radius, top - radius
        start = 90.0
        canvas.saveState()
        canvas.setStrokeColor(look.paper)
        canvas.setLineWidth(0.5)
        for k, number in enumerate(self.numbers):
            extent = -360.0 * number / total
            if abs(extent) > 1e-3:
                canvas.setFillColor(self._colour(k))
                path = canvas.beginPath()
                path.moveTo(cx, cy)
                path.arcTo(cx - radius, cy - radius, cx + radius, cy + radius, start, extent)
                path.close()
                canvas.drawPath(path, stroke=1, fill=1)
            start += extent
        canvas.restoreState()
        y = top
        swatch = look.bar
        for k, (label, value, height) in enumerate(zip(self.labels, self.values,
                                                       self.legend_heights, strict=True)):
            canvas.saveState()
            canvas.setFillColor(self._colour(k))
            canvas.rect(self.legend_x, y - swatch, swatch, swatch, stroke=0, fill=1)
            canvas.restoreState()
            x = self.legend_x + swatch + GAP
            label.drawOn(canvas, x, y - label.height)
            value.drawOn(canvas, x, y - label.height - value.height)
            y -= height


KIND_WORDS = {  # what a chart is called, in the article's language
    "en": {"bar": "bar chart", "column": "column chart", "line": "line chart",
           "pie": "pie chart"},
    "ru": {"bar": "линейчатая диаграмма", "column": "столбчатая диаграмма",
           "line": "линейный график", "pie": "круговая диаграмма"},
    "kk": {"bar": "жолақты диаграмма", "column": "бағаналы диаграмма",
           "line": "сызықтық график", "pie": "дөңгелек диаграмма"},
}


def chart_alt(block: Chart, language: str = "en") -> str:
    """What a chart shows, in words, from its data (the screen edition's alt text): its
    kind, title and unit, then every row as printed, then its source."""
    kind = KIND_WORDS.get(language, KIND_WORDS["en"])[block.kind]
    unit = f" ({block.unit})" if block.unit else ""
    rows = "; ".join(f"{label} {typed}" for label, typed, _ in block.rows)
    source = f" {block.source}" if block.source else ""
    return f"{kind}: {block.title}{unit}: {rows}.{source}"


def chart_flowable(kit, block: Chart) -> ChartFlowable:
    theme = kit.theme
    names = theme.text("chart.colours").split()
    look = ChartLook(theme.pt("chart.bar"), theme.pt("chart.height"), theme.pt("chart.line"),
                     theme.pt("chart.axis"), tuple(theme.colour(n) for n in names),
                     kit.colours.text, kit.colours.paper, theme.pt("chart.space"))
    flowable = ChartFlowable(block, kit, look)
    flowable.wide = block.placement == "page"
    return flowable

