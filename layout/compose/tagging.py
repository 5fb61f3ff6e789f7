"""The screen edition's tags, in one place: which structure role each content element has,
and the marked content written around it as its page is drawn.

A print build draws no tag at all (its canvas has no `Tagger`, and every call here does
nothing), so the print PDF is what it was. A screen build composes on a `TaggedCanvas`:

- a paragraph's lines are one marked-content sequence (`/P <</MCID n>> BDC … EMC`) per part
  drawn: a paragraph split across columns or pages is one element with a part in each;
- a box (pull quote, sidebar, card, signature), a figure with its caption, a contents entry
  open a *group*: the elements drawn inside it are its children;
- an element may name its parent element (`Tag.parent`): a list item's paragraph is in its
  LBody, in its LI, in its L, wherever and whenever its parts are drawn; a table cell in its
  row, in the THead or TBody of its Table; a note's number and paragraphs in its Note;
- inside a paragraph, a link (typed or an address found), a note's call (a Reference > Link)
  and a passage in another language (a Span with its /Lang) are elements of their own,
  cut into the paragraph's marked content (`Marking.links`);
- a chart is one marked-content sequence of its Figure (`whole`);
- page furniture is `/Artifact <</Type /Pagination>>`; whatever else is drawn outside any
  tag (rules, tints, bars, backgrounds) is made an artifact by the screen pass
  (layout/screen/structure.py), which also builds the structure tree from what is recorded
  here: one `Node` list per article, in the order things were drawn — which is the reading
  order: column after column, page after page, a box where it stands in the text.

Roles are PDF 1.7 standard structure types (no RoleMap). One role is not: "H", a heading
one level below the heading before it (a sidebar's title), which the screen pass resolves
to H2…H6 in document order.

Pull quotes repeat a sentence of the text. PDF/UA-1 is PDF 1.7, which has no `Aside`: a
pull quote is a `BlockQuote` titled (/T) "Pull quote", and its paragraph carries the sentence
as typed (/ActualText: the page shows it in capitals). A screen reader says "block quote"
before it and "out of block quote" after it, so the listener knows the repeated sentence is
set apart and can skip it. It stays in the tree: as an artifact, words that are on the
page would be hidden from readers that show the tree's text, and outloud reports real text
marked as an artifact. A sidebar is a `Sect` titled "Sidebar", its title a heading.
"""

from __future__ import annotations

import re
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

# paragraph styles (layout/style/styles.py) -> structure role; a style not named is a P
STYLE_ROLES = {
    "title": "H1", "title-short": "H1", "section-opener-title": "H1", "contents-heading": "H1",
    "subhead": "H2", "sidebar-title": "H", "caption": "P", "credit": "P",
    "note-heading": "H2",
}
# boxes (Boxed.source's third item, flowables.py) -> group role and its /T
BOX_ROLES = {
    "pull quote": ("BlockQuote", "Pull quote"), "sidebar": ("Sect", "Sidebar"),
    "respondent card": ("Div", "Respondent"), "signature": ("Div", "Signature"),
    "imprint entry": ("Div", ""),
}
KIND_ROLES = {"cover": "Sect", "contents": "Sect"}  # every other kind is an Art
ARTIFACT_OPEN = "/Artifact BMC"  # what the print build has always drawn around furniture


@dataclass
class Tag:
    """What a flowable is in the structure: its role and what the element says of itself.

    One Tag object is one element: the parts of a split paragraph share their Tag.
    `absorb`: the paragraphs drawn inside this group give their content to it directly
    (a contents entry's Link holds the entry's text, not paragraphs of its own).
    """

    role: str
    alt: str = ""  # /Alt (figures)
    actual: str = ""  # /ActualText (a pull quote's sentence as typed)
    title: str = ""  # /T
    lang: str = ""
    link: str = ""  # where a Link goes: 'https://…', 'mailto:…' or 'article:SLUG'
    absorb: bool = False
    text: str = ""  # a heading's words (for its bookmark)
    parent: Tag | None = None  # its element's parent (else the innermost open group)
    scope: str = ""  # a table header cell's /Scope: Column or Row
    id: str = ""  # /ID (a note: what its calls link to)
    keep: bool = False  # kept in the tree even when it holds nothing (an empty table cell)
    source: str = ""  # a Figure's picture file: the screen edition converts it from there

    @classmethod
    def for_style(cls, style: str, text: str = "") -> Tag:
        role = STYLE_ROLES.get(style, "P")
        return cls(role, text=text if role.startswith("H") else "")

    @classmethod
    def for_box(cls, what: str) -> Tag:
        role, title = BOX_ROLES.get(what, ("Div", ""))
        return cls(role, title=title)


@dataclass
class Node:
    """One structure element of an article. `kids` in reading order: another node's index,
    or (page, mcid) — the page is the article's own, from 1."""

    role: str
    parent: int | None
    alt: str = ""
    actual: str = ""
    title: str = ""
    lang: str = ""
    link: str = ""
    text: str = ""
    scope: str = ""
    id: str = ""
    keep: bool = False
    source: str = ""
    kids: list = field(default_factory=list)
    at: tuple[int, float] | None = None  # (page, top y) where it is first drawn: bookmarks
    rects: list = field(default_factory=list)  # (page, x0, y0, x1, y1): a link's areas


class Tagger:
    """The structure of one article as its pages are drawn."""

    def __init__(self, role: str, lang: str, title: str):
        self.nodes = [Node(role, None, lang=lang, title=title)]
        self.stack = [0]  # open groups, innermost last
        self._next_mcid: dict[int, int] = {}
        self._by_tag: dict[int, tuple[Tag, int]] = {}  # id(Tag) -> (the Tag, kept alive; node)
        self._absorbing: set[int] = set()
        self.quiet = 0  # inside one marked-content sequence of a whole element (a chart)

    def node(self, tag: Tag, at: tuple[int, float] | None = None) -> int:
        """The element of `tag`: made the first time, under its parent's element (made
        first if need be) or else under the innermost open group."""
        known = self._by_tag.get(id(tag))
        if known is not None:
            return known[1]
        parent = self.node(tag.parent, at) if tag.parent is not None else self.stack[-1]
        self.nodes.append(Node(tag.role, parent, tag.alt, tag.actual, tag.title, tag.lang,
                               tag.link, tag.text, tag.scope, tag.id, tag.keep, tag.source,
                               at=at))
        index = len(self.nodes) - 1
        self.nodes[parent].kids.append(index)
        self._by_tag[id(tag)] = (tag, index)
        if tag.absorb:
            self._absorbing.add(index)
        return index

    def mcid(self, page: int, node: int) -> int:
        """A new marked-content id on `page`, given to `node`."""
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        self.nodes[node].kids.append((page, mcid))
        return mcid

    def absorbing(self) -> int | None:
        """The open group that takes the content of the paragraphs inside it, if any."""
        for index in reversed(self.stack[1:]):
            if index in self._absorbing:
                return index
        return None


class TaggedCanvas(Canvas):
    """A canvas that records the structure of what is drawn on it (the screen edition)."""

    tagger: Tagger | None = None


def tagger_of(canvas) -> Tagger | None:
    return getattr(canvas, "tagger", None)


# what a reader can follow: a web address (with its scheme or www.), a bare domain with a
# path or a country/generic ending, an e-mail address
_WEB = re.compile(r"(?:https?://|www\.)[^\s]+[^\s.,;:!?)»”\]'\"]", re.IGNORECASE)
_DOMAIN = re.compile(r"(?<![@\w.\\/])(?:[a-z0-9-]+\.)+[a-z]{2,12}(?:/[^\s]*[^\s.,;:!?)»”\]])?"
                     r"(?![\w@\\])", re.IGNORECASE)
_MAIL = re.compile(r"[\w.+-]+@(?:[\w-]+\.)+[\w-]{2,}", re.UNICODE)
_FILE_ENDINGS = frozenset({"csv", "xlsx", "xls", "pdf", "doc", "docx", "txt", "zip", "json"})


def links_in(text: str) -> list[tuple[int, int, str]]:
    """The addresses a reader can follow in `text`: (start, end, where it goes)."""
    out: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, target: str) -> None:
        if not any(a < end and start < b for a, b in taken):
            taken.append((start, end))
            out.append((start, end, target))

    for match in _MAIL.finditer(text):
        add(match.start(), match.end(), "mailto:" + match.group())
    for match in _WEB.finditer(text):
        url = match.group()
        add(match.start(), match.end(), url if "://" in url else "https://" + url)
    for match in _DOMAIN.finditer(text):
        domain = match.group().split("/")[0]
        if domain.rsplit(".", 1)[-1].lower() not in _FILE_ENDINGS and not domain[0].isdigit():
            add(match.start(), match.end(), "https://" + match.group())
    return sorted(out)


class Marking:
    """An open marked-content sequence of a paragraph: addresses in it become Links."""

    def __init__(self, canvas, tagger: Tagger, node: int):
        self.canvas, self.tagger, self.node = canvas, tagger, node

    def links(self, text: str, start: int, end: int,
              typed: list[tuple[int, int, str]] = (),
              langs: list[tuple[int, int, str]] = (), hidden: bytes = b"") -> dict[int, object]:
        """character index -> what to write before it (a Link's or a passage's content
        begins or ends); each is called as it is drawn, so only what is drawn is marked.
        `typed`: the links the text was written with (`[text](url)`, a note's call
        'note:N'), taken before the addresses found in it; `langs`: the passages in another
        language (a Span with its /Lang; a link inside one has its /Lang too); `hidden`: the
        characters not drawn (a second space), where no cut can be made."""
        def drawn(at: int) -> int:  # a cut is made at a character that is drawn
            while at < end and hidden and hidden[at]:
                at += 1
            return at

        links: list[tuple[int, int, str]] = []
        for a, b, target in [*typed, *links_in(text)]:
            if b > start and a < end and not any(x < b and a < y for x, y, _ in links):
                links.append((drawn(a), drawn(b), target))
        langs = [(drawn(a), drawn(b), lang) for a, b, lang in langs if b > start and a < end]
        bounds = sorted({start, end} | {max(start, min(end, v)) for a, b, _ in [*links, *langs]
                                        for v in (a, b)})
        cuts: dict[int, object] = {}
        state: tuple = (None, "")  # the paragraph's own content
        for at in bounds[:-1]:
            link = next((span for span in links if span[0] <= at < span[1]), None)
            lang = next((span[2] for span in langs if span[0] <= at < span[1]), "")
            if (link, lang) == state:
                continue
            state = (link, lang)
            if link is not None:
                cuts[at] = lambda t=link[2], lang=lang: self._open_link(t, lang)
            elif lang:
                cuts[at] = lambda lang=lang: self._open("Span", lang=lang)
            else:
                cuts[at] = self._close_link
        return cuts

    def _open_link(self, target: str, lang: str = "") -> str:
        # a note's call is a Reference holding the Link to the note
        parent = Tag("Reference") if target.startswith("note:") else None
        return self._open("Link", link=target, parent=parent, lang=lang)

    def _open(self, role: str, **attributes) -> str:
        """The paragraph's content so far ends; an inline element's begins."""
        tagger = self.tagger
        tagger.stack.append(self.node)
        inline = tagger.node(Tag(role, **attributes))
        tagger.stack.pop()
        return f"EMC /{role} <</MCID {tagger.mcid(self.canvas.getPageNumber(), inline)}>> BDC"

    def _close_link(self) -> str:
        role = self.tagger.nodes[self.node].role
        return f"EMC /{role} <</MCID {self.tagger.mcid(self.canvas.getPageNumber(), self.node)}" \
               ">> BDC"


@contextmanager
def _marked(canvas, tagger: Tagger, node: int, role: str):
    mcid = tagger.mcid(canvas.getPageNumber(), node)
    canvas.addLiteral(f"/{role} <</MCID {mcid}>> BDC")
    yield Marking(canvas, tagger, node)
    canvas.addLiteral("EMC")


def marked(canvas, tag: Tag | None, top: float = 0.0):
    """Around what draws the content of `tag` (a paragraph part, a picture): one marked-content
    sequence of its element. Nothing on a print canvas."""
    tagger = tagger_of(canvas)
    if tagger is None or tag is None or tagger.quiet:
        return nullcontext()
    if tag.role == "Artifact":
        return artifact(canvas, "")
    into = tagger.absorbing()
    if into is not None:
        return _marked(canvas, tagger, into, tagger.nodes[into].role)
    node = tagger.node(tag, (canvas.getPageNumber(), canvas.absolutePosition(0, top)[1]))
    return _marked(canvas, tagger, node, tagger.nodes[node].role)


@contextmanager
def group(canvas, tag: Tag | None, width: float = 0.0, height: float = 0.0, x: float = 0.0,
          y: float = 0.0):
    """Around what draws a box's, a figure's or an entry's parts: they become the children
    of its element; a link's area (the flowable's, `width` × `height` at x, y) is kept."""
    tagger = tagger_of(canvas)
    if tagger is None or tag is None:
        yield
        return
    page = canvas.getPageNumber()
    node = tagger.node(tag, (page, canvas.absolutePosition(x, y + height)[1]))
    if tag.link:
        x0, y0 = canvas.absolutePosition(x, y)
        x1, y1 = canvas.absolutePosition(x + width, y + height)
        tagger.nodes[node].rects.append((page, x0, y0, x1, y1))
    tagger.stack.append(node)
    try:
        yield
    finally:
        tagger.stack.pop()


def declare(canvas, tag: Tag | None) -> None:
    """The element of `tag` made now, where it stands, even if nothing is drawn in it (an
    empty table cell keeps its place in its row)."""
    tagger = tagger_of(canvas)
    if tagger is not None and tag is not None and not tagger.quiet and tag.role != "Artifact":
        tagger.node(tag, (canvas.getPageNumber(), canvas.absolutePosition(0, 0)[1]))


@contextmanager
def whole(canvas, tag: Tag | None, top: float = 0.0):
    """Around what draws all of an element (a chart: its graphics and words): one
    marked-content sequence of it; what is drawn inside is not tagged apart."""
    tagger = tagger_of(canvas)
    if tagger is None or tag is None or tagger.quiet:
        yield
        return
    with marked(canvas, tag, top):
        tagger.quiet += 1
        try:
            yield
        finally:
            tagger.quiet -= 1


ARTIFACT = Tag("Artifact")


@contextmanager
def as_artifacts(flowables: list):
    """The flowables drawn as artifacts (a table's header repeated after a split: a reader
    hears it once)."""
    kept = [f.tag for f in flowables]
    for flowable in flowables:
        flowable.tag = ARTIFACT
    try:
        yield
    finally:
        for flowable, tag in zip(flowables, kept, strict=True):
            flowable.tag = tag


def picture_of(tag: Tag | None, picture) -> Tag | None:
    """The Figure's tag, knowing the file its picture was made from (the screen edition
    converts the original, not the press's CMYK)."""
    if tag is not None and getattr(picture, "path", None) is not None:
        tag.source = str(picture.path)
    return tag


def note_id(slug: str, number: int) -> str:
    """The /ID of an article's note `number`: unique in the issue."""
    return f"note-{slug}-{number}"


@contextmanager
def artifact(canvas, kind: str = "Pagination"):
    """Around page furniture: an artifact of its kind (print: the plain /Artifact it always
    was)."""
    if tagger_of(canvas) is None:
        canvas.addLiteral(ARTIFACT_OPEN)
    else:
        canvas.addLiteral(f"/Artifact <</Type /{kind}>> BDC" if kind else ARTIFACT_OPEN)
    yield
    canvas.addLiteral("EMC")


class FigureTags:
    """A picture's three elements: the whole (Div) holding the Figure and its Caption."""

    def __init__(self, alt: str = ""):
        self.whole, self.picture, self.caption = Tag("Div"), Tag("Figure", alt=alt), Tag("Caption")


class Tagged(Flowable):
    """Any flowable (a contents entry's table) as one element of the structure: a group."""

    def __init__(self, inner: Flowable, tag: Tag):
        super().__init__()
        self.inner, self.tag = inner, tag
        self.keepWithNext = getattr(inner, "keepWithNext", 0)

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return [Tagged(part, self.tag) for part in self.inner.split(avail_width, avail_height)]

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def drawOn(self, canvas, x, y, _sW=0):
        """The inner flowable drawn where this one is (no state of its own: a print page
        is drawn exactly as without the wrapper)."""
        with group(canvas, self.tag, self.width, self.height, x, y):
            self.inner.drawOn(canvas, x, y, _sW)


def untagged(flowable: Flowable) -> Flowable:
    """The flowable inside any `Tagged` wrappers (what an error names)."""
    while isinstance(flowable, Tagged):
        flowable = flowable.inner
    return flowable
