"""Proof rounds as editors use them: one working round, and rounds sent that stay as sent.

A proof is kept as `proofs/round-N.pdf`. The latest round is the working one: proofs (by
hand, `layout watch`, the desk) update it until it is *sent* (`layout proof --send`, or the
desk's "Send this round"), which leaves `round-N.sent` beside it. A sent round, and any round
once a later one is started, is never written again: the next proof starts the next round.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from layout.errors import IssueError
from layout.files import write_atomically

ROUND = re.compile(r"round-\d+\.(pdf|sent)")
TEMPORARY = re.compile(r"\.round-\d+\.(pdf|sent)\.\w{8}\.tmp")  # a killed proof's


@dataclass(frozen=True)
class Sent:
    """When a round was sent, and the digest of the PDF that was sent."""

    at: str  # ISO 8601, UTC
    sha256: str


class Rounds:
    """The proof rounds kept in one folder (build/<issue>/proofs/)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def pdf(self, number: int) -> Path:
        return self.folder / f"round-{number}.pdf"

    def claim(self) -> None:
        """Before a proof writes a round: the folder is new, or holds only rounds (a
        symbolic link, or a folder of anyone else's files, is refused: outputs.py)."""
        from layout.outputs import claim_folder, is_own_output

        def own(path: Path) -> bool:
            if path.suffix == ".pdf":
                return bool(ROUND.fullmatch(path.name)) and is_own_output(path)
            return bool(ROUND.fullmatch(path.name) or TEMPORARY.fullmatch(path.name))

        if self.folder.is_symlink() or self.folder.exists():  # (made when a round is written)
            claim_folder(self.folder, own)

    def numbers(self) -> list[int]:
        """The round numbers kept here, in order."""
        found = []
        for path in self.folder.glob("round-*.pdf"):
            number = path.stem.removeprefix("round-")
            if number.isdigit():
                found.append(int(number))
        return sorted(found)

    def sent(self, number: int) -> Sent | None:
        """When round `number` was sent, or None while it is a working round."""
        try:
            data = json.loads((self.folder / f"round-{number}.sent").read_text("utf-8"))
            return Sent(str(data["sent"]), str(data["sha256"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def working(self, asked: int | None = None) -> int:
        """The round a proof writes: `asked`, or the latest unless it was sent (then the
        next). A sent round, or one a later round has followed, is refused."""
        if asked is None:
            return self.next_round()
        numbers = self.numbers()
        latest = numbers[-1] if numbers else 0
        if asked < latest:
            raise IssueError(self.pdf(asked), None, f"round {asked} is kept as it was: round "
                             f"{latest} has been started since",
                             f"proof round {self.next_round()} with --round "
                             f"{self.next_round()}, or leave --round out")
        if asked == latest and (sent := self.sent(asked)):
            raise IssueError(self.pdf(asked), None, f"round {asked} was sent on "
                             f"{_shown(sent.at)} and is kept as it was sent",
                             f"proof round {asked + 1} with --round {asked + 1}, or leave "
                             "--round out (the next proof starts it)")
        return asked

    def next_round(self) -> int:
        """The round the next proof writes when not told: the latest, or after it once sent."""
        numbers = self.numbers()
        latest = numbers[-1] if numbers else 0
        return latest + 1 if not latest or self.sent(latest) else latest

    def send(self, number: int, moment: datetime | None = None) -> Sent:
        """Mark round `number` as sent (it must be kept here); the next proof starts the next
        round. Sending a round twice keeps its first date."""
        pdf = self.pdf(number)
        if not pdf.is_file():
            raise IssueError(pdf, None, f"there is no round {number} to send",
                             "proof it first: layout proof")
        if earlier := self.sent(number):
            return earlier
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
        at = (moment or datetime.now(UTC)).isoformat(timespec="seconds")
        write_atomically(self.folder / f"round-{number}.sent",
                         json.dumps({"round": number, "sent": at, "sha256": digest},
                                    indent=1).encode("utf-8"))
        return Sent(at, digest)

    def state(self, number: int) -> str:
        """How a proof of round `number` describes it: 'round 2 (working)', 'round 2 (sent
        2026-12-07 10:14 UTC)'."""
        sent = self.sent(number)
        return f"round {number} (sent {_shown(sent.at)})" if sent else f"round {number} (working)"

    def last_two(self) -> tuple[Path, Path]:
        """The two latest rounds kept (older first)."""
        numbers = self.numbers()
        if len(numbers) < 2:
            kept = f"only round {numbers[0]} is" if numbers else "no proof round is"
            raise IssueError(self.folder, None, f"{kept} kept here; a diff needs two",
                             "send this round ('layout proof --send') and proof the next, or "
                             "give the two PDFs: layout diff OLD NEW")
        return self.pdf(numbers[-2]), self.pdf(numbers[-1])


def _shown(at: str) -> str:
    """'2026-12-07T10:14:03+00:00' as '2026-12-07 10:14 UTC'."""
    try:
        return f"{datetime.fromisoformat(at).astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    except ValueError:
        return at
