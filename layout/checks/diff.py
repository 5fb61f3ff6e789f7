"""What changed between two builds: pages rendered and compared, changed regions outlined.

The summary names the changed pages ("p. 23–24 changed") and, when the PDFs are proofs
carrying fit reports, how each changed article's fit moved ("'Embracing inclusion' now
3 lines overset"). Each changed spread (paired by folio) is one image: OLD above NEW, each
labelled with its file. Images of an earlier diff in the same folder are removed first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from layout.checks.previews import (
    FONT,
    folio_spreads,
    page_labels,
    png_bytes,
    read_fits,
    remove_if_empty,
)
from layout.checks.render import Renderer
from layout.compose.fit import count
from layout.errors import IssueError
from layout.files import StagedFiles
from layout.outputs import claim_folder, own_previews
from layout.pdf_input import check_pdf

DIFFS = r"diff-[\w+-]+\.png"  # the names of our spread images in their folder
CELL = 8  # px: changed regions are found on a grid of cells this size
THRESHOLD = 40  # grey levels: smaller differences are antialiasing noise


@dataclass
class Diff:
    """Changed, added and removed pages (by page label: the folio, '37+1' for overset)."""

    changed_pages: list[str]
    added_pages: list[str] = field(default_factory=list)
    removed_pages: list[str] = field(default_factory=list)
    fit_changes: list[str] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        lines = []
        if self.changed_pages:
            lines.append(f"{page_ranges(self.changed_pages)} changed")
        if self.added_pages:
            lines.append(f"{page_ranges(self.added_pages)} added")
        if self.removed_pages:
            lines.append(f"{page_ranges(self.removed_pages)} removed")
        lines += self.fit_changes
        return "; ".join(lines) if lines else "no page changed"


def page_ranges(pages: list[str]) -> str:
    """'p. 5' or 'pp. 23–24, 30, 37+1' — consecutive folios joined."""
    runs: list[list[str]] = []
    for page in pages:
        if runs and page.isdigit() and runs[-1][-1].isdigit() \
                and int(page) == int(runs[-1][-1]) + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return ("pp. " if len(pages) > 1 else "p. ") + text


def changed_boxes(old: Image.Image, new: Image.Image) -> list[tuple[int, int, int, int]]:
    """Rectangles (x0, y0, x1, y1) around the regions where two renderings differ."""
    if old.size != new.size:
        return [(0, 0, new.width, new.height)]
    a = np.asarray(old.convert("L"), dtype=np.int16)
    b = np.asarray(new.convert("L"), dtype=np.int16)
    mask = np.abs(a - b) > THRESHOLD
    rows, cols = mask.shape[0] // CELL + 1, mask.shape[1] // CELL + 1
    padded = np.zeros((rows * CELL, cols * CELL), bool)
    padded[: mask.shape[0], : mask.shape[1]] = mask
    cells = padded.reshape(rows, CELL, cols, CELL).any(axis=(1, 3))
    return _merge_cells(cells)


def _merge_cells(cells: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Group touching changed cells into bounding boxes (a small flood fill)."""
    seen = np.zeros_like(cells)
    boxes = []
    for r, c in zip(*np.nonzero(cells), strict=True):
        if seen[r, c]:
            continue
        stack, r0, r1, c0, c1 = [(r, c)], r, r, c, c
        seen[r, c] = True
        while stack:
            y, x = stack.pop()
            r0, r1, c0, c1 = min(r0, y), max(r1, y), min(c0, x), max(c1, x)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if (0 <= ny < cells.shape[0] and 0 <= nx < cells.shape[1]
                            and cells[ny, nx] and not seen[ny, nx]):
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        boxes.append((c0 * CELL, r0 * CELL, (c1 + 1) * CELL, (r1 + 1) * CELL))
    return boxes


def diff(old_pdf: Path, new_pdf: Path, folder: Path, any_issues: bool = False,
         dpi: float = 50) -> Diff:
    """Compare two builds page by page (matched by folio); an image per changed spread.

    Two PDFs of different issues (their titles, the issue lines, differ) are refused unless
    `any_issues`: matched by folio, every page would differ, and the diff would say nothing.
    """
    check_pdf(old_pdf)
    check_pdf(new_pdf)
    if not any_issues:
        check_one_issue(old_pdf, new_pdf)
    made = not folder.exists()
    folder = claim_folder(folder, own_previews(DIFFS), [old_pdf, new_pdf])
    try:
        with StagedFiles() as staged:
            result = _compare(old_pdf, new_pdf, folder, dpi, staged)
    except BaseException:
        if made:
            remove_if_empty(folder)
        raise
    for stale in set(folder.glob("diff-*.png")) - set(result.images):  # a spread that no
        stale.unlink(missing_ok=True)  # longer differs (ours: claim_folder refused others)
    return result


def _compare(old_pdf: Path, new_pdf: Path, folder: Path, dpi: float, staged: StagedFiles
             ) -> Diff:
    """The diff's findings; its pictures written to `staged`."""
    with Renderer(old_pdf, dpi) as old, Renderer(new_pdf, dpi) as new:
        old_labels, new_labels = page_labels(old_pdf, len(old)), page_labels(new_pdf, len(new))
        old_index = {label: k for k, label in enumerate(old_labels)}
        result = Diff([], [label for label in new_labels if label not in old_index],
                      [label for label in old_labels if label not in set(new_labels)])
        result.fit_changes = fit_changes(read_fits(old_pdf), read_fits(new_pdf))
        names = (f"OLD  {old_pdf.name}", f"NEW  {new_pdf.name}")
        changed: set[int] = set()
        for pair in folio_spreads(new_labels):  # one spread's pictures at a time
            indices = [p - 1 for p in pair if p is not None]
            pictures = {k: new.page(k) for k in indices}
            before = {k: old.page(old_index[new_labels[k]]) if new_labels[k] in old_index
                      else None for k in indices}
            boxes = {k: changed_boxes(before[k], pictures[k]) if before[k] is not None
                     else [(0, 0, pictures[k].width, pictures[k].height)] for k in indices}
            changed |= {k for k in indices if boxes[k] and new_labels[k] in old_index}
            if not any(boxes[k] for k in indices):
                continue
            image = _spread_image(pair, before, pictures, boxes, names)
            path = folder / f"diff-{'-'.join(_safe(new_labels[k]) for k in indices)}.png"
            staged.write(path, png_bytes(image))
            result.images.append(path)
    result.changed_pages = [new_labels[k] for k in sorted(changed)]
    return result


def _safe(label: str) -> str:
    """A page label as part of a file name: another tool's labels may hold '/' or '..'."""
    return re.sub(r"[^\w+]", "_", label)[:40] or "_"


def check_one_issue(old_pdf: Path, new_pdf: Path) -> None:
    """Refuse to compare builds of two issues (a PDF without a title is taken as it is)."""
    old, new = document_title(old_pdf), document_title(new_pdf)
    if old and new and old != new:
        raise IssueError(new_pdf, None, f"this PDF is '{new}' but {old_pdf} is '{old}': two "
                         "different issues", "compare two builds or rounds of one issue "
                         "(layout diff --issue DIR), or add --any-issues to compare them anyway")


def document_title(pdf: Path) -> str:
    """The PDF's document title (ours: the magazine and its issue line), or ''."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return str((PdfReader(pdf).metadata or {}).get("/Title", "") or "")
    except (PyPdfError, OSError, ValueError):
        return ""


LABEL = 24  # px: the band above each spread naming it OLD or NEW


def _spread_image(pair, old_pages: dict, new: dict, boxes: dict, names: tuple[str, str]
                  ) -> Image.Image:
    """OLD spread above NEW spread, each under its label, the changed regions outlined
    (pictures and boxes by 0-based page index of the new PDF)."""
    width, height = next(iter(new.values())).size
    row_height = LABEL + height
    image = Image.new("RGB", (2 * width, 2 * row_height + 12), (200, 200, 200))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 14)
    for row, (name, colour) in enumerate(zip(names, ((90, 90, 90), (20, 110, 60)),
                                             strict=True)):
        top = row * (row_height + 12)
        draw.rectangle([0, top, 2 * width, top + LABEL - 1], fill=colour)
        draw.text((8, top + LABEL / 2), name, fill=(255, 255, 255), font=font, anchor="lm")
    for side, page in enumerate(pair):
        if page is None:
            continue
        k = page - 1
        for row, picture in enumerate((old_pages[k], new[k])):
            top = row * (row_height + 12) + LABEL
            if picture is not None:
                image.paste(picture, (side * width, top))
            for x0, y0, x1, y1 in boxes[k]:
                draw.rectangle([side * width + x0, top + y0, side * width + x1, top + y1],
                               outline=(230, 20, 30), width=2)
    return image


def fit_changes(old: list[dict], new: list[dict]) -> list[str]:
    """How each article's fit moved between two proofs, in words."""
    before = {f["slug"]: f for f in old}
    out = []
    for fit in new:
        prior = before.get(fit["slug"])
        if prior is None or (prior["status"], prior["overset_lines"], prior["underset_lines"]) \
                == (fit["status"], fit["overset_lines"], fit["underset_lines"]):
            continue
        if fit["status"] == "overset":
            state = f"now {count(fit['overset_lines'], 'line')} overset"
        elif fit["status"] == "underset":
            state = f"now {count(fit['underset_lines'], 'line')} underset"
        else:
            state = "now fits"
        out.append(f"'{fit['title']}' {state}")
    return out
