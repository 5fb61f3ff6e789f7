"""Links whose address is printed as a note (theme: `link.address: note`).

Each linked text gets a note call after it, and its address becomes a note at the article's
end; the article's own notes and these are numbered together, in the order their calls
are read. A pure function of the blocks, so the composer and verify see the same text.
Links inside notes keep their address after their text.
"""

from __future__ import annotations

from dataclasses import replace

from layout.content.model import (
    Block,
    ListBlock,
    ListItem,
    Note,
    Notes,
    Para,
    Question,
    Run,
    Sidebar,
    Signature,
    Subhead,
    Table,
)


def with_link_notes(blocks: list[Block]) -> list[Block]:
    """The blocks with a note call after each link, and every note renumbered by its call."""
    own = {n.number: n for b in blocks if isinstance(b, Notes) for n in b.notes}
    numbering = _Numbering(own)
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Notes):
            continue
        out.append(_block(block, numbering))
    for old in sorted(own):  # called only where text is plain (a pull quote): kept, last
        numbering.call(old)
    if numbering.notes:
        line = next((b.line for b in blocks if isinstance(b, Notes)), out[-1].line if out else 0)
        out.append(Notes(line, numbering.notes))
    return out


class _Numbering:
    def __init__(self, own: dict[int, Note]):
        self.own, self.new_number, self.notes = own, {}, []

    def call(self, old: int) -> int:
        """The new number of the article's own note `old` (numbered at its first call)."""
        if old not in self.new_number:
            note = self.own[old]
            self.new_number[old] = len(self.notes) + 1
            self.notes.append(replace(note, number=len(self.notes) + 1))
        return self.new_number[old]

    def address(self, address: str, line: int) -> int:
        number = len(self.notes) + 1
        self.notes.append(Note(number, f"link {number}", line, [[Run(address)]]))
        return number


def _runs(runs: list[Run], numbering: _Numbering, line: int) -> list[Run]:
    out: list[Run] = []
    for k, run in enumerate(runs):
        if run.note:
            out.append(run.but(str(numbering.call(run.note))) if run.note in numbering.own
                       else run)
            continue
        out.append(run)
        if run.link and (k + 1 == len(runs) or runs[k + 1].link != run.link):
            shown = "".join(r.text for r in runs[:k + 1] if r.link == run.link).strip()
            address = run.link.removeprefix("mailto:")
            if address.rstrip("/") != shown.rstrip("/"):
                number = numbering.address(address, line)
                out.append(Run(str(number), run.bold, run.italic, "sup", note=-number))
    return out


def _block(block: Block, numbering: _Numbering) -> Block:
    if isinstance(block, Para):
        return replace(block, runs=_runs(block.runs, numbering, block.line))
    if isinstance(block, Subhead):
        return replace(block, runs=_runs(block.runs, numbering, block.line))
    if isinstance(block, Question):
        return replace(block, runs=_runs(block.runs, numbering, block.line))
    if isinstance(block, Sidebar):
        return replace(block, blocks=[_block(b, numbering) for b in block.blocks])
    if isinstance(block, ListBlock):
        return replace(block, items=[ListItem(i.line, i.depth, i.number,
                                              _runs(i.runs, numbering, i.line), i.marker)
                                     for i in block.items])
    if isinstance(block, Signature):
        return replace(block, lines=[_runs(line, numbering, block.line)
                                     for line in block.lines])
    if isinstance(block, Table):
        return replace(block, header=[_runs(c, numbering, block.line) for c in block.header],
                       rows=[[_runs(c, numbering, block.line) for c in row]
                             for row in block.rows])
    return block
