"""The fit report as editors read it: what stops the build first, then the rest quietly.

Overset articles and anything else `make pdf` will refuse (a page count that is not a
multiple of 4, a picture too coarse or not there yet) come first and are marked for red;
each underset article is one quiet line with its free space in page fractions; a closing
line counts it all and says whether the build will go through.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.compose.fit import Fit, count

ALERT, QUIET, PLAIN = "alert", "quiet", "plain"  # tones: red, dim, as is
COUNTED = {  # how the closing line counts each kind of refusal
    "pages": lambda n: "a page count that is not a multiple of 4",
    "coarse": lambda n: f"{count(n, 'picture')} under 150 ppi",
    "to-come": lambda n: f"{count(n, 'picture')} to come",
}


@dataclass(frozen=True)
class Refusal:
    """Something besides overset text that `make pdf` will refuse: one line of the report."""

    kind: str  # a key of COUNTED
    text: str


@dataclass
class FitReport:
    """The fits of a proof and what else the build will refuse, ready to print."""

    fits: list[Fit]
    mm_per_line: float
    build_command: str = "make pdf"  # names the issue folder that was proofed
    refusals: list[Refusal] = field(default_factory=list)  # page count, pictures

    @property
    def overset(self) -> list[Fit]:
        return [f for f in self.fits if f.status == "overset"]

    @property
    def underset(self) -> list[Fit]:
        return [f for f in self.fits if f.status == "underset"]

    @property
    def refused(self) -> bool:
        """True when `make pdf` would refuse the issue as it stands."""
        return bool(self.overset or self.refusals)

    def lines(self, quiet: bool = False) -> list[tuple[str, str]]:
        """(tone, text) per line: refusals and overset first, then underset, then the count.

        With `quiet`, underset and fitting articles are left out (their count stays).
        """
        out = [(ALERT, f.summary(self.mm_per_line)) for f in self.overset]
        out += [(ALERT, refusal.text) for refusal in self.refusals]
        if not quiet:
            out += [(QUIET, "  " + f.summary(self.mm_per_line, titled=False))
                    for f in self.underset]
            noted = [f for f in self.fits if f.status == "fits" and f.notes]
            out += [(PLAIN, "  " + f.summary(self.mm_per_line)) for f in noted]
            fitting = [f.slug for f in self.fits
                       if f.status == "fits" and not f.notes and not f.generated]
            if fitting:
                out.append((QUIET, "  fit: " + ", ".join(fitting)))
        out.append((ALERT if self.refused else PLAIN, self.summary_line()))
        return out

    def summary_line(self) -> str:
        """'2 articles overset, 15 underset — make pdf will refuse'."""
        parts = [f"{count(len(self.overset), 'article')} overset" if self.overset
                 else "nothing overset"]
        parts.append(f"{len(self.underset)} underset")
        fitting = sum(f.status == "fits" and not f.generated for f in self.fits)
        parts.append(f"{fitting} fit{'s' if fitting == 1 else ''}")
        for kind, phrase in COUNTED.items():
            number = sum(refusal.kind == kind for refusal in self.refusals)
            if number:
                parts.append(phrase(number))
        verdict = (f"{self.build_command} will refuse" if self.refused
                   else f"{self.build_command} will build it")
        return f"{', '.join(parts)} — {verdict}"
