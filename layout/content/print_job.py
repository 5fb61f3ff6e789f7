"""The `print:` block of issue.yaml: what the print shop runs the job from (the run, the
papers, the cover, finishing, proof, delivery, a contact). Every key is optional and each
is checked where it is written; the job ticket prints them, and the hand-off warns about
each one a shop needs that is missing.

    print:
      run: 1500                      # copies
      cover: self                    # self: the cover is the outer sheet, on the text paper;
                                     # separate: on cover_paper, wrapped round the text
      text_paper: {weight: 100, finish: coated, thickness: 0.09mm, name: "Arctic Silk"}
      cover_paper: {weight: 250, finish: coated, thickness: 0.25mm}
      finishing: 2 staples
      proof: contract                # contract (a certified proof) | pdf (soft proof) | none
      delivery: {date: 2023-02-10, address: "12 Abay Ave, Astana"}
      contact: {name: "A. Editor", phone: "+7 700 000 0000", email: "print@example.org"}
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from layout.content.yamlfile import Mapping
from layout.errors import IssueError, did_you_mean

KEYS = ("run", "cover", "text_paper", "cover_paper", "finishing", "proof", "delivery",
        "contact")
PAPER_KEYS = ("weight", "finish", "thickness", "name")
DELIVERY_KEYS = ("date", "address")
CONTACT_KEYS = ("name", "phone", "email")
COVERS = ("self", "separate")
FINISHES = ("coated", "uncoated")
PROOFS = ("contract", "pdf", "none")
WEIGHT = (35, 400)  # g/m²: from newsprint to board
THICKNESS = (0.03, 0.6)  # mm
RUN = (1, 10_000_000)
MAX_TEXT = 200
NEEDED = {  # what a shop asks for when it is missing
    "run": "the print run (copies)",
    "text_paper": "the text paper (weight, coated or uncoated)",
    "cover": "self-cover or a separate cover",
    "finishing": "the finishing (e.g. 2 staples)",
    "proof": "whether a contract proof is wanted",
    "delivery": "the delivery date and address",
    "contact": "a contact for questions",
}
_MM = re.compile(r"\s*(\d+(?:\.\d+)?)\s*mm\s*")


@dataclass(frozen=True)
class Paper:
    weight: int | None = None  # g/m²
    finish: str = ""  # coated | uncoated
    thickness_mm: float | None = None
    name: str = ""

    def __str__(self) -> str:
        parts = [self.name] if self.name else []
        if self.weight:
            parts.append(f"{self.weight} g/m²")
        if self.finish:
            parts.append(self.finish)
        if self.thickness_mm:
            parts.append(f"{self.thickness_mm:g} mm thick")
        return ", ".join(parts) or "not given"


@dataclass(frozen=True)
class PrintJob:
    """The `print:` block as read; what it leaves out is None or empty."""

    run: int | None = None
    cover: str = ""  # self | separate
    text_paper: Paper | None = None
    cover_paper: Paper | None = None
    finishing: str = ""
    proof: str = ""
    delivery_date: datetime.date | None = None
    delivery_address: str = ""
    contact: dict[str, str] = field(default_factory=dict)

    def missing(self) -> list[str]:
        """What a shop needs that the block does not say, as key: what it is."""
        found = {"run": self.run, "text_paper": self.text_paper, "cover": self.cover,
                 "finishing": self.finishing, "proof": self.proof,
                 "delivery": self.delivery_date and self.delivery_address,
                 "contact": self.contact}
        gaps = [f"print.{key}: {NEEDED[key]}" for key, value in found.items() if not value]
        if self.cover == "separate" and self.cover_paper is None:
            gaps.append("print.cover_paper: the paper of the separate cover")
        if self.text_paper is not None and not (self.text_paper.weight
                                                and self.text_paper.finish):
            gaps.append("print.text_paper: its weight and finish (coated or uncoated)")
        return gaps

    def creep_mm(self, sheets: int) -> float | None:
        """Saddle-stitch creep from the papers' thickness: each sheet wrapped round the
        innermost pushes it out by its thickness (a separate cover by its own), or None
        when the thickness is not given."""
        if self.text_paper is None or self.text_paper.thickness_mm is None:
            return None
        creep = self.text_paper.thickness_mm * max(sheets - 1, 0)
        if self.cover == "separate" and self.cover_paper is not None:
            creep += self.cover_paper.thickness_mm or 0.0
        return round(creep, 3)


def read_print_job(meta: Mapping, path: Path, problems: list[IssueError]) -> PrintJob:
    """The `print:` block of issue.yaml's values (an empty job when there is none); each
    fault is appended to `problems` at its line."""
    block = meta.get("print")
    if block is None:
        return PrintJob()
    line = meta.key_lines.get("print", meta.line)
    if not isinstance(block, Mapping):
        problems.append(IssueError(path, line, "'print:' must hold keys and values",
                                   "write e.g. 'print:' and below it '  run: 1500'"))
        return PrintJob()
    reader = _Reader(path, block, problems)
    for key in block:
        if key not in KEYS:
            problems.append(IssueError(path, block.key_lines[key], f"unknown key 'print.{key}'",
                                       did_you_mean(key, KEYS)))
    delivery = reader.mapping("delivery", DELIVERY_KEYS)
    contact = reader.mapping("contact", CONTACT_KEYS)
    return PrintJob(
        run=reader.whole("run", RUN, "copies", "run: 1500"),
        cover=reader.choice("cover", COVERS),
        text_paper=reader.paper("text_paper"),
        cover_paper=reader.paper("cover_paper"),
        finishing=reader.text("finishing", block, "finishing: 2 staples"),
        proof=reader.choice("proof", PROOFS),
        delivery_date=reader.date(delivery) if delivery is not None else None,
        delivery_address=reader.text("address", delivery, "address: \"12 Abay Ave, Astana\"")
        if delivery is not None else "",
        contact={key: reader.text(key, contact, f"{key}: …") for key in CONTACT_KEYS
                 if contact is not None and key in contact},
    )


class _Reader:
    """Reads the values of one `print:` block, noting each fault at its line."""

    def __init__(self, path: Path, block: Mapping, problems: list[IssueError]):
        self.path, self.block, self.problems = path, block, problems

    def _fault(self, where: Mapping, key: str, message: str, hint: str) -> None:
        line = where.key_lines.get(key, where.line) if isinstance(where, Mapping) else None
        self.problems.append(IssueError(self.path, line, message, hint))

    def whole(self, key: str, bounds: tuple[int, int], unit: str, example: str) -> int | None:
        value = self.block.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) \
                or not bounds[0] <= value <= bounds[1]:
            self._fault(self.block, key, f"print.{key} {value!r} is not a number of {unit} "
                                         f"from {bounds[0]} to {bounds[1]}",
                        f"write e.g. '{example}'")
            return None
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.block.get(key)
        if value is None:
            return ""
        if str(value) not in choices:
            self._fault(self.block, key, f"print.{key} '{value}' is not one of "
                                         f"{', '.join(choices)}", did_you_mean(str(value), choices))
            return ""
        return str(value)

    def text(self, key: str, where: Mapping, example: str) -> str:
        value = where.get(key)
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT \
                or any(ord(c) < 32 for c in value):
            self._fault(where, key, f"print: '{key}' must be one line of text (at most "
                                    f"{MAX_TEXT} characters)", f"write e.g. '{example}'")
            return ""
        return value.strip()

    def mapping(self, key: str, keys: tuple[str, ...]) -> Mapping | None:
        value = self.block.get(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self._fault(self.block, key, f"print.{key} must hold keys ({', '.join(keys)})",
                        f"write e.g. '{key}: {{{keys[0]}: …}}'")
            return None
        for name in value:
            if name not in keys:
                self._fault(value, name, f"unknown key 'print.{key}.{name}'",
                            did_you_mean(name, keys))
        return value

    def paper(self, key: str) -> Paper | None:
        block = self.mapping(key, PAPER_KEYS)
        if block is None:
            return None
        weight = block.get("weight")
        if weight is not None:
            text = str(weight).lower().replace("g/m²", "").replace("gsm", "").replace("g", "")
            try:
                weight = int(text.strip())
            except ValueError:
                weight = None
            if weight is None or not WEIGHT[0] <= weight <= WEIGHT[1]:
                self._fault(block, "weight", f"print.{key}.weight {block['weight']!r} is not a "
                                             f"paper weight of {WEIGHT[0]} to {WEIGHT[1]} g/m²",
                            "write e.g. 'weight: 115' (grams per square metre)")
                weight = None
        finish = block.get("finish")
        if finish is not None and str(finish) not in FINISHES:
            self._fault(block, "finish", f"print.{key}.finish '{finish}' is not one of "
                                         f"{', '.join(FINISHES)}",
                        did_you_mean(str(finish), FINISHES))
            finish = None
        thickness = block.get("thickness")
        if thickness is not None:
            match = _MM.fullmatch(str(thickness))
            thickness = float(match.group(1)) if match else None
            if thickness is None or not THICKNESS[0] <= thickness <= THICKNESS[1]:
                self._fault(block, "thickness", f"print.{key}.thickness {block['thickness']!r} "
                                                f"is not a paper thickness of {THICKNESS[0]:g} "
                                                f"to {THICKNESS[1]:g} mm",
                            "write e.g. 'thickness: 0.1mm' (the paper's caliper)")
                thickness = None
        name = self.text("name", block, "name: \"Arctic Silk\"")
        return Paper(weight, str(finish or ""), thickness, name)

    def date(self, delivery: Mapping) -> datetime.date | None:
        value = delivery.get("date")
        if value is None:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            self._fault(delivery, "date", f"print.delivery.date '{value}' is not a date",
                        "write it as 'date: 2023-02-10' (year-month-day)")
            return None
