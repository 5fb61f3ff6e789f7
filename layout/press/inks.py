"""Which inks small text is printed in: the build's warning about colours that fringe.

Type under about 12 pt in a colour built from three or four process inks shows colour
fringes wherever the plates do not register perfectly; one or two inks are safe. The press
rewrite (press/rewrite.py) notes every such use; this module names the theme colour it is
and says what the designer can do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from layout.listing import page_ranges

SMALL_TYPE = 12.0  # pt
MAX_INKS = 2
INK = 0.001  # a component above this prints
LIGHT_TINT = 0.30  # a ground whose every ink is at most this is a light tint: K-tint type
# overprints it (the type darkens it a little; a darker ground would change the type's colour)


@dataclass(frozen=True)
class SmallType:
    """Text under SMALL_TYPE pt shown in a colour of more than MAX_INKS process inks."""

    page: int  # from 0 in the pressed document; the folio-order page number once assembled
    cmyk: tuple[float, ...]
    size: float  # pt, as printed (font size under the text and graphics matrices)
    ground: tuple[float, ...] = ()  # set: a K tint knocked out of this (darker) tint


def k_tint(cmyk: Sequence[float]) -> bool:
    """Black ink only, less than 100 %: grey type (100 % K overprints anyway)."""
    return len(cmyk) == 4 and max(cmyk[:3]) <= INK and INK < cmyk[3] < 1 - INK


def light_tint(cmyk: Sequence[float]) -> bool:
    """Some ink, none of it over LIGHT_TINT: a ground small grey type may overprint."""
    return len(cmyk) == 4 and max(cmyk) > INK and max(cmyk) <= LIGHT_TINT + INK


def inks(cmyk: Sequence[float]) -> int:
    """How many process plates a CMYK colour prints on."""
    return sum(value > INK for value in cmyk)


def small_type_warnings(uses: Iterable[SmallType],
                        colours: Mapping[str, Sequence[float]]) -> list[str]:
    """One warning per colour: which theme colour, its inks, the sizes and pages.

    `colours` are the theme's named colours in percent, as theme.yaml writes them.
    """
    uses = list(uses)
    by_colour: dict[tuple[float, ...], list[SmallType]] = {}
    for use in uses:
        if not use.ground:
            by_colour.setdefault(tuple(round(v, 4) for v in use.cmyk), []).append(use)
    one_ink = [name for name, value in colours.items() if inks([v / 100 for v in value]) == 1
               and any(v > 0 for v in value[:3])]
    warnings = []
    for cmyk, found in by_colour.items():
        percent = [round(v * 100) for v in cmyk]
        names = [name for name, value in colours.items()
                 if [round(v) for v in value] == percent]
        called = f"theme colour '{names[0]}' {percent}" if names else f"CMYK {percent}"
        sizes = sorted({use.size for use in found})
        shown = ", ".join(f"{size:g}" for size in sizes)
        pages = page_ranges(use.page for use in found)
        hint = (f"use a one-ink colour for small type (the theme has '{one_ink[0]}')"
                if one_ink else "add a one-ink colour for small type to the theme")
        warnings.append(f"{called} prints small text in {inks(cmyk)} inks ({shown} pt on "
                        f"p. {pages}): it will show colour fringes on press; {hint}")
    return warnings + _knockout_warnings([use for use in uses if use.ground], colours)


def _knockout_warnings(uses: list[SmallType], colours: Mapping[str, Sequence[float]]) -> list[str]:
    """Grey type under SMALL_TYPE knocked out of a tint too dark to overprint: one warning
    per text colour and ground."""
    by_pair: dict[tuple, list[SmallType]] = {}
    for use in uses:
        key = (tuple(round(v * 100) for v in use.cmyk), tuple(round(v * 100) for v in use.ground))
        by_pair.setdefault(key, []).append(use)
    warnings = []
    for (text, ground), found in by_pair.items():
        sizes = ", ".join(f"{size:g}" for size in sorted({use.size for use in found}))
        warnings.append(f"{_called(text, colours)} type ({sizes} pt on p. "
                        f"{page_ranges(use.page for use in found)}) knocks out of "
                        f"{_called(ground, colours)}, a tint too dark to overprint: the "
                        "plates of the ground have type-shaped holes, and misregistration "
                        "shows paper-white edges; set the type in 100 % K or on a ground of "
                        f"at most {LIGHT_TINT * 100:g} % per ink")
    return warnings


def _called(percent: Sequence[int], colours: Mapping[str, Sequence[float]]) -> str:
    names = [name for name, value in colours.items() if [round(v) for v in value] == list(percent)]
    return f"theme colour '{names[0]}' {list(percent)}" if names else f"CMYK {list(percent)}"


def one_ink_warnings(colours: Mapping[str, Sequence[float]], where: Mapping[str, str]) -> list[str]:
    """The theme's colours for small type (named `*_small`) that print in more than one
    ink: each warned about at the line that sets it (`where`: name -> 'theme.yaml:24'),
    with the one-ink colour nearest to it."""
    warnings = []
    for name, value in colours.items():
        if not name.endswith("_small") or inks([v / 100 for v in value]) <= 1:
            continue
        strongest = max(range(4), key=lambda k: value[k])
        one = [100 if k == strongest else 0 for k in range(4)]
        shown = ", ".join(f"{v:g}" for v in value)
        warnings.append(f"{where.get(name, 'theme')}: colours.{name} [{shown}] is "
                        f"{inks([v / 100 for v in value])} inks, and it sets type under "
                        f"{SMALL_TYPE:g} pt: misregistration fringes it; make it one ink "
                        f"(e.g. colours.{name}: {one})")
    return warnings
