"""The desk's state as data: `/status.json` exactly as documented, and the page's view.

`status` is what scripts read: when the last rebuild ran, the proof, its pages, the current
input error and each article's fit. `view` is what the page needs besides: page labels and
owners, spreads paired by folio, the report lines, the faulty line of the error.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from layout.checks.previews import folio_spreads
from layout.errors import IssueError
from layout.files import write_atomically
from layout.rounds import Rounds

EMPTY_STATUS = {"built": None, "pdf": None, "pages": 0, "error": None, "articles": []}


def article_rows(result) -> list[dict]:
    """Each article of the proof in page order: where it is and how it fits.

    `lines` and `words` are how much to cut (overset) or the room left (otherwise).
    """
    fits = {fit.slug: fit for fit in result.layout.fits}
    rows = []
    for article in result.layout.articles:
        fit = fits.get(article.slug)
        status = fit.status if fit else "fits"  # cover and contents are made to fit
        over = status == "overset"
        rows.append({
            "slug": article.slug, "first_page": article.first_page, "pages": article.pages,
            "fit": status,
            "lines": (fit.overset_lines if over else fit.underset_lines) if fit else 0,
            "words": (fit.overset_words if over else fit.underset_words) if fit else 0,
        })
    return rows


def error_dict(error: IssueError) -> dict:
    """The error as status.json gives it."""
    return {"file": str(error.path), "line": error.line, "column": error.column,
            "message": error.message, "hint": error.hint}


def error_source(error: IssueError) -> str | None:
    """The faulty line's text: the error's own, or read from its file."""
    if error.source is not None or not error.line:
        return error.source
    try:
        lines = Path(error.path).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return None
    return lines[error.line - 1] if error.line <= len(lines) else None


def desk_state(result, error: IssueError | None, warnings: list[str],
               previous: dict | None) -> dict:
    """{"status": …, "view": …} after a rebuild; with an error, the last proof stays shown."""
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    if result is None:
        before = previous or {"status": dict(EMPTY_STATUS), "view": {}}
        status = {**before["status"], "built": now, "error": error_dict(error)}
        view = {**before["view"], "source": error_source(error), "warnings": warnings}
        return {"status": status, "view": view}
    pages = sum(a.pages for a in result.layout.articles)
    labels = result.labels if len(result.labels) == pages else [str(k + 1) for k in range(pages)]
    owners = [a.slug for a in result.layout.articles for _ in range(a.pages)]
    versions = result.versions if len(result.versions) == pages else []
    before = ((previous or {}).get("view") or {}).get("versions") or []
    status = {"built": now, "pdf": str(result.pdf), "pages": pages, "error": None,
              "articles": article_rows(result)}
    report = result.fit_report
    view = {"issue": result.title, "proof_built": now,
            "round": result.round_number, "round_sent": None, "labels": labels, "owners": owners,
            "versions": versions, "changed": changed_pages(versions, before, owners),
            "pdf_stamp": pdf_stamp(result.pdf),
            "spreads": folio_spreads(labels), "summary": report.summary_line(),
            "refused": report.refused, "report": report.lines(), "warnings": warnings,
            "titles": {f.slug: f.title for f in result.layout.fits},
            "verdicts": {f.slug: "; ".join([f.verdict(report.mm_per_line), *f.notes])
                         for f in result.layout.fits},
            "source": None}
    return {"status": status, "view": view}


def pdf_stamp(pdf: Path) -> list[int] | None:
    """What tells this proof file from the next one written in its place (as web.py reads
    it): its modification time and inode."""
    try:
        info = pdf.stat()
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_ino]


GENERATED = ("cover", "contents")  # pages that change because others did


def changed_pages(versions: list[str], before: list[str], owners: list[str]) -> list[int]:
    """The pages (1-based) whose picture is new since the proof shown before, in the order
    the desk loads them: the articles' own pages, then the cover and contents (which show
    the others' titles and page numbers)."""
    known = set(before)
    new = [k + 1 for k, version in enumerate(versions) if version not in known]
    return sorted(new, key=lambda page: owners[page - 1] in GENERATED)


class DeskFiles:
    """Where the watcher leaves the desk's state for the web server: `desk.json` and a
    `building` mark that says a rebuild has started; and the proof rounds (`rounds`), whose
    working round the desk can send."""

    def __init__(self, folder: Path, rounds: Rounds | None = None):
        self.folder = folder
        self.desk = folder / "desk.json"
        self.building = folder / "building"
        self.rounds = rounds or Rounds(folder.parent / "proofs")

    def read(self) -> dict | None:
        """The state as the last rebuild left it, with its round's sent date as of now."""
        try:
            state = json.loads(self.desk.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        view = state.get("view") or {}
        if view.get("round"):
            sent = self.rounds.sent(view["round"])
            view["round_sent"] = sent.at if sent else None
        return state

    def send_round(self, number: int) -> dict:
        """Mark the round the desk shows as sent (only that one: a page showing an older
        state must not send a round nobody has looked at)."""
        state = self.read()
        shown = ((state or {}).get("view") or {}).get("round")
        if shown != number:
            raise IssueError(self.rounds.pdf(number), None, f"the desk shows round {shown}, not "
                             f"round {number}", "reload the page and send the round it shows")
        self.rounds.send(number)
        return self.read()

    def publish(self, result, error: IssueError | None, warnings: list[str]) -> None:
        """Write the state after a rebuild (called in the rebuild's child)."""
        state = desk_state(result, error, warnings, self.read())
        write_atomically(self.desk, json.dumps(state, ensure_ascii=False).encode("utf-8"))

    def started(self) -> None:
        """Mark that a rebuild has started (the page says so until the next state)."""
        write_atomically(self.building, datetime.now(UTC).isoformat().encode())
