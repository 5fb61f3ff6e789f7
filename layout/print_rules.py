"""What a print shop demands of artwork, in one place: the build predicts with these rules
what the hand-off's preflight (checks/) will judge with them.
"""

from __future__ import annotations

import math

MM = 72 / 25.4
TRIM_INSIDE = 0.35 * MM  # the band just inside the trim where artwork "touches" it
BLEED_NEAR = 0.5 * MM  # artwork reaching this far out has some bleed …
BLEED_FAR = 2.0 * MM  # … and this far, enough (creep may take up to 1 mm of the 3)
TAC_AREA = 1.0  # mm²: ink over the limit in a smaller patch is a speck no press sees
TAC_ROUNDING = 1.0  # %: four 8-bit channels rounded up by at most 0.2 % each

EDGES = ("left", "bottom", "right", "top")


def ppi_shown(ppi: float, limits=(150, 300)) -> str:
    """A picture's resolution as printed in a message: rounded down, never up across a
    limit; within 1 ppi under a limit, to one decimal (still rounded down).

    >>> [ppi_shown(x) for x in (299.9, 299.96, 300.0, 201.7, 149.5, 612.4)]
    ['299.9', '299.9', '300', '201', '149.5', '612']
    """
    if any(limit - 1 < ppi < limit for limit in limits):
        return f"{math.floor(ppi * 10) / 10:.1f}"
    return str(math.floor(ppi))


def bleed_at_edges(box: tuple[float, float, float, float],
                   trim: tuple[float, float, float, float]) -> dict[str, float]:
    """For each trim edge that artwork in `box` (x0, y0, x1, y1, pt) touches, how far past
    the trim it goes, in pt (0 or less: it stops at the trim).

    >>> bleed_at_edges((0, 0, 100, 50), (10, 10, 200, 200))
    {'left': 10, 'bottom': 10}
    """
    x0, y0, x1, y1 = box
    t0, u0, t1, u1 = trim
    across = x0 < t1 and x1 > t0  # the box lies along the bottom and top edges …
    along = y0 < u1 and y1 > u0  # … and the left and right ones
    reach = {"left": t0 - x0, "bottom": u0 - y0, "right": x1 - t1, "top": y1 - u1}
    touches = {"left": along, "right": along, "bottom": across, "top": across}
    return {edge: reach[edge] for edge in EDGES
            if touches[edge] and reach[edge] > -TRIM_INSIDE}
