"""`layout check-screen PDF [ISSUE]`: is the screen edition accessible, and does it say
what the source says?

Two offline checkers from PyPI read it as outsiders: `page` (page-validation, profile
PDF/UA-1) and `outloud` (`--fail-on error`). Then our own checks, each reading the PDF
back with pikepdf and pdfplumber, never with the code that wrote it:

- parent tree: every MCID a page's content marks is referenced by exactly one element,
  the ParentTree names that element at that MCID, and nothing in the tree points at an
  MCID no page has;
- furniture: every character in a page's head or foot margin (running heads, folios,
  kicker slashes) is an artifact;
- reading order: the text of each article, read in structure order (ActualText where an
  element has one), holds every text of its source as typed and in order — the character
  check of `layout verify`, on the tree instead of the drawing order;
- alt text: every Figure says what it shows;
- ToUnicode: no font maps a code to U+0000;
- bookmarks: each bookmark's title is a heading on the page it goes to, and every H1 and
  H2 has its bookmark;
- scanned pages: a Figure whose picture covers the page, over tagged text no one sees
  (invisible, or painted before the picture and so under it): a scan described as a
  picture with its recognised text hidden beneath. This takes the place of outloud's
  TAG-030, which flags every page-sized Figure on a page with tagged text — a photo opener
  or a cover, whose title and cover lines are real text drawn over the photo.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from layout.checks.verify import INVISIBLE, PageText, check_article

HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")
BAND = 1.0  # pt: how far into the margin a character must be to count as furniture's
PAGE_SIZED = 0.85  # of the page's area: a Figure this big is the page (outloud's TAG-030)
OUR_RULES = ("TAG-030",)  # outloud's rules whose place a check of ours takes


@dataclass
class Finding:
    """One thing wrong, named by the check that found it."""

    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.message}"


@dataclass
class Element:
    """A structure element as read back: role, attributes, and its content in order."""

    role: str
    obj: pikepdf.Object
    depth: int
    parts: list = field(default_factory=list)  # (page index, mcid) or Element, in order
    alt: str = ""
    actual: str = ""


class Screen:
    """The screen PDF read back: pages, marked content, tree, parent tree, characters."""

    def __init__(self, path: Path):
        self.path = path
        self.pdf = pikepdf.open(path)
        self.page_index = {page.obj.objgen: k for k, page in enumerate(self.pdf.pages)}
        self.elements: list[Element] = []
        self.references: dict[tuple[int, int], list[Element]] = {}
        self.findings: list[Finding] = []
        root = self.pdf.Root.get("/StructTreeRoot")
        self.root = root
        if root is not None:
            for kid in _array(root.get("/K")):
                self._read(kid, None, 0)
        self._chars = None

    def _read(self, obj, page, depth: int) -> Element | None:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") not in (
                None, pikepdf.Name.StructElem):
            return None
        element = Element(str(obj.get("/S", "")), obj, depth,
                          alt=str(obj.get("/Alt", "")), actual=str(obj.get("/ActualText", "")))
        self.elements.append(element)
        page = obj.get("/Pg", page)
        for kid in _array(obj.get("/K")):
            if isinstance(kid, int):
                self._reference(element, page, int(kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                self._reference(element, kid.get("/Pg", page), int(kid.MCID))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR:
                continue
            else:
                child = self._read(kid, page, depth + 1)
                if child is not None:
                    element.parts.append(child)
        return element

    def _reference(self, element: Element, page, mcid: int) -> None:
        index = self.page_index.get(page.objgen) if page is not None else None
        if index is None:
            self.findings.append(Finding("parent tree", f"{element.role} refers to MCID {mcid} "
                                                        "without a page"))
            return
        element.parts.append((index, mcid))
        self.references.setdefault((index, mcid), []).append(element)

    # -- what the pages draw

    def marked(self) -> dict[int, set[int]]:
        """page index -> the MCIDs its content marks (pikepdf's own parser)."""
        out: dict[int, set[int]] = {}
        for index, page in enumerate(self.pdf.pages):
            ids = out.setdefault(index, set())
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and len(operands) == 2 and isinstance(
                        operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    ids.add(int(operands[1].MCID))
        return out

    def chars(self) -> list[list[dict]]:
        """Each page's characters as pdfplumber reads them (with their tag and MCID)."""
        if self._chars is None:
            import pdfplumber

            with pdfplumber.open(self.path) as document:
                # pdfplumber's top and bottom run down from the page's height: as PDF y
                self._chars = [[{"text": c["text"], "tag": c.get("tag"), "mcid": c.get("mcid"),
                                 "y0": float(page.height) - c["bottom"],
                                 "y1": float(page.height) - c["top"]}
                                for c in page.chars] for page in document.pages]
        return self._chars

    def content_text(self) -> dict[tuple[int, int], str]:
        """(page, mcid) -> the characters drawn in that marked content."""
        out: dict[tuple[int, int], list[str]] = {}
        for index, chars in enumerate(self.chars()):
            for char in chars:
                if char.get("mcid") is not None:
                    out.setdefault((index, int(char["mcid"])), []).append(char["text"])
        return {key: "".join(value) for key, value in out.items()}

    def text_of(self, element: Element, content: dict, pages: list[int],
                apart: list[Element] | None = None) -> str:
        """The element's text in structure order, ActualText in place of what it covers;
        `pages` gets the page of each character. With `apart`, pull quotes and sidebars
        inside it are left out and put there (they may be drawn after the text that follows
        their call)."""
        if apart is not None and element.depth > 1 and _is_box(element):
            apart.append(element)
            return ""
        if element.actual:
            first = next((p for p in _pages_of(element)), 0)
            pages += [first] * (len(element.actual) + 1)
            return element.actual + " "
        out = []
        for part in element.parts:
            if isinstance(part, Element):
                piece = self.text_of(part, content, pages, apart)
            else:
                piece = content.get(part, "")
                pages += [part[0]] * len(piece)
            out.append(piece)
        if element.role in ("/P", "/Caption") or element.role in HEADINGS:
            out.append(" ")  # readers pause between blocks
            pages.append(pages[-1] if pages else 0)
        return "".join(out)


def _array(value) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _parts_of(element: Element):
    """The (page index, mcid) of the element's content, its kids' included."""
    for part in element.parts:
        if isinstance(part, Element):
            yield from _parts_of(part)
        else:
            yield part


def _pages_of(element: Element):
    for part in element.parts:
        if isinstance(part, Element):
            yield from _pages_of(part)
        else:
            yield part[0]


# -- our own checks

def check_parent_tree(screen: Screen) -> list[Finding]:
    """Every marked MCID in the tree once and in the ParentTree at its element."""
    out = []
    if screen.root is None:
        return [Finding("parent tree", "the document has no structure tree")]
    numbers = _number_tree(screen.root.get("/ParentTree"))
    marked = screen.marked()
    for index, page in enumerate(screen.pdf.pages):
        key = page.obj.get("/StructParents")
        slots = numbers.get(int(key)) if key is not None else None
        for mcid in sorted(marked[index]):
            where = f"page {index + 1} MCID {mcid}"
            elements = screen.references.get((index, mcid), [])
            if not elements:
                out.append(Finding("parent tree", f"{where} is in no structure element"))
            elif len(elements) > 1:
                out.append(Finding("parent tree", f"{where} is in {len(elements)} elements"))
            if slots is None or mcid >= len(slots) or not isinstance(
                    slots[mcid], pikepdf.Dictionary):
                out.append(Finding("parent tree", f"{where} has no ParentTree entry"))
            elif elements and slots[mcid].objgen != elements[0].obj.objgen:
                out.append(Finding("parent tree", f"{where}: the ParentTree names another "
                                                  f"element than the {elements[0].role} "
                                                  "that holds it"))
    for (index, mcid), elements in screen.references.items():
        if mcid not in marked.get(index, ()):
            out.append(Finding("parent tree", f"{elements[0].role} refers to MCID {mcid} on "
                                              f"page {index + 1}, which no content marks"))
    return out + screen.findings


def _number_tree(tree) -> dict[int, pikepdf.Object]:
    out: dict[int, pikepdf.Object] = {}
    if tree is None:
        return out
    nums = tree.get("/Nums")
    if nums is not None:
        for k in range(0, len(nums) - 1, 2):
            out[int(nums[k])] = nums[k + 1]
    for kid in _array(tree.get("/Kids")):
        out.update(_number_tree(kid))
    return out


def check_furniture(screen: Screen, head: float, foot: float) -> list[Finding]:
    """Characters in the head or foot margin (measured from the trim) are artifacts — but a
    full-page picture's caption and credit, in their box in the safe area at its foot, are
    a Caption of its Figure's."""
    captions = {part for e in screen.elements if e.role == "/Caption"
                for part in _parts_of(e)}
    out = []
    for index, chars in enumerate(screen.chars()):
        trim = [float(v) for v in screen.pdf.pages[index].obj.MediaBox]
        loose = [c for c in chars if c["tag"] != "Artifact" and c["text"].strip()
                 and (c["mcid"] is None or (index, int(c["mcid"])) not in captions)
                 and (c["y0"] > trim[3] - head + BAND or c["y1"] < trim[1] + foot - BAND)]
        if loose:
            text = "".join(c["text"] for c in loose)
            out.append(Finding("furniture", f"page {index + 1}: '{text[:60]}' in the "
                                            "head or foot margin is not an artifact"))
    return out


def check_alt(screen: Screen) -> list[Finding]:
    return [Finding("alt text", f"a Figure on page {next(_pages_of(e), -1) + 1} has no alt "
                                "text")
            for e in screen.elements if e.role == "/Figure" and not e.alt.strip()]


def article_elements(screen: Screen) -> list[Element]:
    """The Document's children: one per article, in order."""
    return [e for e in screen.elements if e.depth == 1]


def check_reading(screen: Screen, issue) -> list[Finding]:
    """Each article's source text, as typed and in order, in its text in structure order."""
    articles = article_elements(screen)
    if len(articles) != len(issue.articles):
        return [Finding("reading order", f"the tree has {len(articles)} articles, the "
                                         f"flatplan {len(issue.articles)}")]
    content = screen.content_text()
    out = []
    for element, article in zip(articles, issue.articles, strict=True):
        pages: list[int] = []
        boxes: list[Element] = []
        text = screen.text_of(element, content, pages, boxes)
        report = check_article(article, _normalised(text, pages), upper=(), floating="skip")
        box_pages: list[int] = []
        box_text = "".join(screen.text_of(box, content, box_pages) for box in boxes)
        boxed = check_article(article, _normalised(box_text, box_pages), upper=(),
                              floating="only")
        out += [Finding("reading order", f"{article.slug}: {d}")
                for d in report.missing + boxed.missing]
    return out


def _is_box(element: Element) -> bool:
    """A pull quote (BlockQuote) or a sidebar (a Sect inside an article)."""
    return element.role in ("/BlockQuote", "/Sect")


def _normalised(text: str, pages: list[int]) -> PageText:
    chars, kept = [], []
    for ch, page in zip(text, pages + [0] * (len(text) - len(pages)), strict=False):
        if ord(ch) in INVISIBLE:
            continue
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append("-" if ch == "\u2010" else ch)
        kept.append(page + 1)
    return PageText("".join(chars), kept)


def check_outline(screen: Screen) -> list[Finding]:
    """Bookmarks name headings on their pages; every H1 and H2 has one."""
    content = screen.content_text()
    headings: dict[int, set[str]] = {}
    wanted: list[tuple[int, str]] = []
    for element in screen.elements:
        if element.role in HEADINGS:
            pages: list[int] = []
            text = " ".join(screen.text_of(element, content, pages).split())
            page = next(_pages_of(element), -1)
            headings.setdefault(page, set()).add(text)
            if element.role in ("/H1", "/H2"):
                wanted.append((page, text))
    out, seen = [], set()
    with screen.pdf.open_outline() as outline:
        todo = list(outline.root)
        while todo:
            item = todo.pop(0)
            todo += list(item.children)
            destination = item.destination
            page = (screen.page_index.get(destination[0].objgen, -1)
                    if isinstance(destination, pikepdf.Array) and len(destination) else -1)
            title = " ".join(item.title.split())
            seen.add((page, title))
            if title not in headings.get(page, set()):
                out.append(Finding("bookmarks", f"'{title}' (page {page + 1}) is no heading "
                                                "on its page"))
    for page, text in wanted:
        if (page, text) not in seen:
            out.append(Finding("bookmarks", f"the heading '{text}' on page {page + 1} has "
                                            "no bookmark"))
    return out


_CMAP_SECTION = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.DOTALL)
_CMAP_TOKEN = re.compile(rb"<([0-9A-Fa-f]*)>|(\[)|(\])")


def mapped_to(cmap: bytes) -> list[int]:
    """Every Unicode value a ToUnicode CMap maps a code to (each range's first; UTF-16
    read as its first unit: enough to see a zero)."""
    out = []
    for kind, body in _CMAP_SECTION.findall(cmap):
        tokens = [m.group(1) if m.group(1) is not None else (b"[" if m.group(2) else b"]")
                  for m in _CMAP_TOKEN.finditer(body)]
        k, size = 0, 2 if kind == b"bfchar" else 3
        while k + size <= len(tokens):
            target = tokens[k + size - 1]
            if target == b"[":
                end = tokens.index(b"]", k + size)
                out += [int(t[:4] or b"0", 16) for t in tokens[k + size:end]]
                k = end + 1
            else:
                out.append(int(target[:4] or b"0", 16))
                k += size
    return out


def check_to_unicode(screen: Screen) -> list[Finding]:
    """No font maps a code to U+0000 (a reader would say nothing there, or stop)."""
    out, seen = [], set()
    for index, page in enumerate(screen.pdf.pages):
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in seen:
                continue
            seen.add(cmap.objgen)
            if 0 in mapped_to(cmap.read_bytes()):
                out.append(Finding("ToUnicode", f"{font.get('/BaseFont')} (page {index + 1}) "
                                                "maps a code to U+0000"))
    return out


_SHOW = {"Tj", "TJ", "'", '"'}
_PATH_POINTS = {"m": 1, "l": 1, "c": 3, "v": 2, "y": 2}


def _multiply(a: tuple, b: tuple) -> tuple:
    """The matrix a then b (PDF's row-vector order)."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _box(points: list[tuple[float, float]], ctm: tuple) -> tuple[float, ...]:
    xs = [x * ctm[0] + y * ctm[2] + ctm[4] for x, y in points]
    ys = [x * ctm[1] + y * ctm[3] + ctm[5] for x, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _meet(a: tuple | None, b: tuple) -> tuple:
    if a is None:
        return b
    return max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])


def _area(box: tuple) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def page_painting(page: pikepdf.Page) -> list[tuple[str, int | None, object]]:
    """What a page paints, in order: ('image', MCID, the box it shows on the page: placed,
    clipped and cut at the page) and ('text', MCID, its render mode), each with the MCID
    of the innermost marked content it is in (None: an artifact or untagged)."""
    media = tuple(float(v) for v in page.obj.MediaBox)
    ctm, clip, mode = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), None, 0
    saved, marks, points, pending = [], [], [], None
    xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
    out = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            saved.append((ctm, clip, mode))
        elif op == "Q" and saved:
            ctm, clip, mode = saved.pop()
        elif op == "cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif op == "Tr":
            mode = int(operands[0])
        elif op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" and len(operands) > 1 else None
            artifact = str(operands[0]) == "/Artifact"
            marks.append(None if artifact else int(props.MCID) if isinstance(
                props, pikepdf.Dictionary) and "/MCID" in props else marks[-1] if marks
                else None)
        elif op == "EMC" and marks:
            marks.pop()
        elif op == "re":
            x, y, w, h = (float(v) for v in operands)
            points += [(x, y), (x + w, y + h)]
        elif op in _PATH_POINTS:
            values = [float(v) for v in operands]
            points += list(zip(values[0::2], values[1::2], strict=False))
        elif op in ("W", "W*"):
            pending = _box(points, ctm) if points else None
        elif op in ("n", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*"):
            if pending is not None:
                clip = _meet(clip, pending)
            points, pending = [], None
        elif op in _SHOW:
            out.append(("text", marks[-1] if marks else None, mode))
        elif op == "Do":
            xobject = xobjects.get(str(operands[0]))
            if xobject is not None and xobject.get("/Subtype") == pikepdf.Name.Image:
                shown = _meet(_meet(clip, _box([(0, 0), (1, 1)], ctm)), media)
                out.append(("image", marks[-1] if marks else None, shown))
    return out


def check_scanned_pages(screen: Screen) -> list[Finding]:
    """No page is a picture of itself over hidden text: a Figure's picture covering the
    page, and tagged text under it (painted before it) or invisible (render mode 3, 7)."""
    figures = {part for e in screen.elements if e.role == "/Figure" for part in _parts_of(e)}
    out = []
    for index, page in enumerate(screen.pdf.pages):
        media = [float(v) for v in page.obj.MediaBox]
        size = (media[2] - media[0]) * (media[3] - media[1])
        painted = page_painting(page)
        covering = next((k for k, (kind, mcid, box) in enumerate(painted)
                         if kind == "image" and (index, mcid) in figures
                         and _area(box) >= PAGE_SIZED * size), None)
        if covering is None:
            continue
        hidden = [k for k, (kind, mcid, mode) in enumerate(painted)
                  if kind == "text" and mcid is not None and (index, mcid) not in figures
                  and (mode in (3, 7) or k < covering)]
        if hidden:
            how = ("invisible" if all(painted[k][2] in (3, 7) for k in hidden)
                   else "under the picture")
            out.append(Finding("scanned page", f"page {index + 1}: a Figure covers the page "
                                               f"and {len(hidden)} run(s) of its tagged text "
                                               f"are {how}: a scan described as a picture"))
    return out


def own_checks(path: Path, issue=None, head: float = 0.0, foot: float = 0.0) -> list[Finding]:
    """Our checks; the reading order and furniture need the issue (its text, its margins)."""
    screen = Screen(path)
    findings = (check_parent_tree(screen) + check_alt(screen) + check_outline(screen)
                + check_to_unicode(screen) + check_scanned_pages(screen))
    if issue is not None:
        findings += check_furniture(screen, head, foot) + check_reading(screen, issue)
    return findings


# -- the two checkers

@dataclass
class CheckerRun:
    name: str
    passed: bool
    output: str


def run_page(path: Path) -> CheckerRun:
    """page-validation's PDF/UA-1 profile."""
    try:
        import page
    except ImportError:
        return CheckerRun("page (PDF/UA-1)", False, "page-validation is not installed: "
                                                    "make install (the test extra) installs it")
    report = page.validate_pdf(str(path), profile=page.ValidationProfile.PDF_UA_1)
    lines = [f"{f.rule_id}: {f.message}" + (f" ({f.object_id})" if f.object_id else "")
             for f in report.failures]
    summary = (f"page {page.__version__}, profile PDF/UA-1: "
               f"{'compliant' if report.is_compliant else 'NOT compliant'}, "
               f"{len(report.failures)} failure(s)")
    return CheckerRun("page (PDF/UA-1)", bool(report.is_compliant), "\n".join([summary, *lines]))


def run_outloud(path: Path) -> CheckerRun:
    """outloud --fail-on error (its findings as it prints them), without the rules a check
    of ours takes the place of (OUR_RULES)."""
    try:
        import outloud  # noqa: F401
    except ImportError:
        return CheckerRun("outloud", False, "outloud is not installed: make install (the "
                                            "test extra) installs it")
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from outloud.cli import main; sys.exit(main())",
         "--fail-on", "error", "--no-info", "--skip", ",".join(OUR_RULES), str(path)],
        capture_output=True, text=True, timeout=600)
    return CheckerRun("outloud", result.returncode == 0,
                      (result.stdout + result.stderr).strip())


@dataclass
class ScreenReport:
    checkers: list[CheckerRun]
    findings: list[Finding]

    @property
    def passed(self) -> bool:
        return all(run.passed for run in self.checkers) and not self.findings


def check_screen(path: Path, issue_dir: Path, fonts_dir: Path | None = None) -> ScreenReport:
    """Both checkers and our own checks on a screen PDF of the issue in `issue_dir`."""
    from layout.checks.verify import check_same_issue
    from layout.compose.grid import Grid
    from layout.content import load_issue
    from layout.style.theme import Theme

    issue = load_issue(issue_dir)
    check_same_issue(path, issue)
    if fonts_dir is None:
        from layout.build import FONTS_DIR as fonts_dir
    grid = Grid.from_theme(Theme(issue.theme_path, fonts_dir), issue.bleed_mm)
    return ScreenReport([run_page(path), run_outloud(path)],
                        own_checks(path, issue, grid.head, grid.foot))


# -- what a listener hears

SAID = {"/H1": "heading 1", "/H2": "heading 2", "/H3": "heading 3", "/H4": "heading 4",
        "/Figure": "graphic", "/Caption": "caption", "/BlockQuote": "block quote",
        "/TOC": "list (contents)", "/TOCI": "list item", "/Link": "link", "/Sect": "section",
        "/Art": "article", "/Div": "", "/P": "", "/Span": "", "/Document": "document",
        "/L": "list", "/LI": "list item", "/LBody": "", "/Lbl": "", "/Table": "table",
        "/THead": "", "/TBody": "", "/TR": "row", "/TH": "column header", "/TD": "",
        "/Note": "note", "/Reference": ""}
SAID_AS_ONE = ("/P", "/Link", "/Lbl", "/TH", "/TD", *HEADINGS)  # read as one line of words


def read_aloud(path: Path, page: int | None = None) -> list[str]:
    """The tree read as a screen reader reads it, one line per block: what it announces
    (role, title, language) and then the words — ActualText and Alt as it speaks them.
    With `page` (1-based), only the blocks that begin on that page."""
    screen = Screen(path)
    content = screen.content_text()
    out: list[str] = []

    def raw(element: Element) -> str:
        if element.actual:
            return element.actual
        pieces = []
        for part in element.parts:
            if isinstance(part, Element):
                inner = raw(part)
                pieces.append(f"[link: {inner}]" if part.role == "/Link" else inner)
            else:
                pieces.append(content.get(part, ""))
        return "".join(pieces)

    def words(element: Element) -> str:
        return " ".join(raw(element).replace("\u00ad", "").split())

    def visit(element: Element) -> None:
        first = next(_pages_of(element), None)
        here = page is None or first == page - 1
        obj = element.obj
        said = SAID.get(element.role, element.role.strip("/"))
        extra = ", ".join(x for x in (str(obj.get("/T", "")), str(obj.get("/Lang", ""))) if x)
        label = f"{said} ({extra})" if extra and said else said
        if element.role in SAID_AS_ONE or (element.role == "/Caption" and any(
                not isinstance(part, Element) for part in element.parts)):
            if here:
                out.append(f"{label}: {words(element)}" if label else words(element))
            return
        if element.role == "/TR":  # a row: its cells, apart
            if here:
                cells = [words(cell) for cell in element.parts if isinstance(cell, Element)]
                header = any(isinstance(c, Element) and c.role == "/TH" for c in element.parts)
                out.append(f"{'header row' if header else 'row'}: {' | '.join(cells)}")
            return
        if element.role == "/LI":  # its label and its own words on one line, then its sublist
            kids = [part for part in element.parts if isinstance(part, Element)]
            body = [k for k in kids if k.role == "/LBody"]
            own = [k for b in body for k in b.parts if isinstance(k, Element) and k.role != "/L"]
            if here:
                out.append("list item: " + " ".join(
                    words(k) for k in [*(k for k in kids if k.role == "/Lbl"), *own]))
            for sub in (k for b in body for k in b.parts if isinstance(k, Element)
                        and k.role == "/L"):
                visit(sub)
            return
        if element.role == "/Note" and "/ID" in obj:
            label = f"{label} ({obj.ID})"
        if element.role == "/Figure":
            if here:
                out.append(f"{label}: {element.alt}")
            return
        if label and here and element.role not in ("/Document",):
            out.append(f"{label}:")
        for part in element.parts:
            if isinstance(part, Element):
                visit(part)

    for element in screen.elements:
        if element.depth == 0:
            visit(element)
    return out
