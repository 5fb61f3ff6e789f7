"""The screen edition's structure tree (PDF/UA-1, ISO 14289-1), from what compose recorded.

Compose drew each article's content as marked-content sequences and recorded its elements
(layout/compose/tagging.py: `Node`s, in reading order). Here, on the joined document:

- whatever is painted outside any marked content (rules, tints, bars, the cover's field) is
  wrapped as `/Artifact`, so that every mark on a page is either content or an artifact;
- the tree is built: Document > one Art (Sect: cover, contents) per article, with its /Lang
  and title > its elements; each element's marked content by MCID, on its page;
- "H" (a sidebar's title) becomes the heading one level below the heading before it;
- elements that hold nothing are left out;
- the ParentTree maps every page's MCIDs (and every link annotation) back to its element;
- each link element gets its annotation (OBJR), with /Contents saying where it goes;
- a table header cell says its /Scope; a note has its /ID (in the IDTree), which the Link
  of its call goes to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pikepdf

from layout.press.contentstream import operations

# operators that put marks on the page: what must be content or artifact
PAINTING = frozenset({b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"sh", b"Do",
                      b"BI", b"Tj", b"TJ", b"'", b'"'})
HEADINGS = ("H1", "H2", "H3", "H4", "H5", "H6")


@dataclass
class ArticleTree:
    """One article's recorded structure and where its pages are in the document."""

    slug: str
    start: int  # index of its first page in the document
    nodes: list  # tagging.Node


def wrap_artifacts(data: bytes) -> bytes:
    """The content stream with every run of painting outside marked content as /Artifact."""
    inserts: list[tuple[int, bytes]] = []
    depth, run_start, run_end, paints = 0, -1, -1, False

    def close():
        if run_start >= 0 and paints:
            inserts.append((run_start, b"/Artifact BMC\n"))
            inserts.append((run_end, b"\nEMC"))

    for op in operations(data):
        if op.operator in (b"BDC", b"BMC"):
            if depth == 0:
                close()
                run_start, paints = -1, False
            depth += 1
        elif op.operator == b"EMC":
            depth -= 1
        elif depth == 0:
            if run_start < 0:
                run_start = op.start
            run_end = op.end
            paints = paints or op.operator in PAINTING
    close()
    out, last = [], 0
    for position, text in inserts:
        out += [data[last:position], text]
        last = position
    out.append(data[last:])
    return b"".join(out)


def resolve_headings(articles: list[ArticleTree]) -> None:
    """Give each "H" the level one below the heading before it in document order."""
    level = 1
    for article in articles:
        for node in _in_order(article.nodes):
            if node.role in HEADINGS:
                level = int(node.role[1])
            elif node.role == "H":
                node.role = f"H{min(level + 1, 6)}"


def _in_order(nodes: list, index: int = 0):
    yield nodes[index]
    for kid in nodes[index].kids:
        if isinstance(kid, int):
            yield from _in_order(nodes, kid)


def _holds_content(nodes: list, index: int, memo: dict[int, bool]) -> bool:
    if index not in memo:
        node = nodes[index]
        memo[index] = any(not isinstance(kid, int) or _holds_content(nodes, kid, memo)
                          for kid in node.kids) or bool(node.link and node.rects) or node.keep
    return memo[index]


class TreeBuilder:
    """Builds the structure tree into `pdf` and remembers each element for the links."""

    def __init__(self, pdf: pikepdf.Pdf, language: str, title: str):
        self.pdf = pdf
        self.pages = [page.obj for page in pdf.pages]
        self.parents: dict[int, dict[int, pikepdf.Object]] = {}  # page -> mcid -> element
        self.annotation_parents: list[pikepdf.Object] = []
        self.ids: dict[str, pikepdf.Object] = {}  # /ID -> element (the IDTree)
        self.document = self._element("Document", None, lang=language, title=title)

    def _element(self, role: str, parent, **attributes) -> pikepdf.Object:
        element = pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + role),
                                     K=pikepdf.Array())
        if parent is not None:
            element.P = parent
        for key, value in (("Lang", attributes.get("lang")), ("Alt", attributes.get("alt")),
                           ("ActualText", attributes.get("actual")),
                           ("T", attributes.get("title"))):
            if value:
                element[pikepdf.Name("/" + key)] = pikepdf.String(value)
        if attributes.get("scope"):
            element.A = pikepdf.Dictionary(O=pikepdf.Name.Table,
                                           Scope=pikepdf.Name("/" + attributes["scope"]))
        element = self.pdf.make_indirect(element)
        if attributes.get("id"):
            element.ID = pikepdf.String(attributes["id"])
            self.ids[attributes["id"]] = element
        if parent is not None:
            parent.K.append(element)
        return element

    def add(self, article: ArticleTree, link_target: Callable) -> dict[int, pikepdf.Object]:
        """The article's elements under the Document; returns node index -> element."""
        nodes = article.nodes
        memo: dict[int, bool] = {}
        elements: dict[int, pikepdf.Object] = {}

        def build(index: int, parent) -> None:
            node = nodes[index]
            element = self._element(node.role, parent, lang=node.lang, alt=node.alt,
                                    actual=node.actual, title=node.title, scope=node.scope,
                                    id=node.id)
            elements[index] = element
            # content beside child elements (a paragraph's text around its links) goes in
            # Spans, so that every element's own content is one run in reading order
            mixed = any(isinstance(k, int) for k in node.kids) and any(
                not isinstance(k, int) for k in node.kids)
            span = None
            for kid in node.kids:
                if isinstance(kid, int):
                    span = None
                    if _holds_content(nodes, kid, memo):
                        build(kid, element)
                    continue
                if mixed and span is None:
                    span = self._element("Span", element)
                self._content(span if mixed else element, article.start + kid[0] - 1, kid[1])
            if node.link and node.rects:
                self._link(element, node, article, link_target)

        build(0, self.document)
        return elements

    def _content(self, element, at: int, mcid: int) -> None:
        """Marked content `mcid` of page `at` as the element's next kid."""
        page_obj = self.pages[at]
        if "/Pg" not in element:
            element.Pg = page_obj
        if element.Pg.objgen == page_obj.objgen:
            element.K.append(mcid)
        else:
            element.K.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page_obj, MCID=mcid))
        self.parents.setdefault(at, {})[mcid] = element

    def _link(self, element, node, article: ArticleTree, link_target: Callable) -> None:
        """A link annotation over each of the element's areas, each an OBJR of it."""
        action, contents = link_target(node.link, article)
        start = article.start
        for page, x0, y0, x1, y1 in node.rects:
            page_obj = self.pages[start + page - 1]
            annotation = self.pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                Rect=pikepdf.Array([min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]),
                Border=pikepdf.Array([0, 0, 0]), F=4, Contents=pikepdf.String(contents),
                StructParent=len(self.pages) + len(self.annotation_parents), P=page_obj,
                **action))
            self.annotation_parents.append(element)
            if "/Annots" not in page_obj:
                page_obj.Annots = pikepdf.Array()
            page_obj.Annots.append(annotation)
            if "/Pg" not in element:
                element.Pg = page_obj
            element.K.append(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation,
                                                Pg=page_obj))

    def finish(self) -> None:
        """StructTreeRoot, ParentTree, MarkInfo; each page's StructParents and tab order."""
        nums = pikepdf.Array()
        for index, page in enumerate(self.pages):
            page.StructParents = index
            page.Tabs = pikepdf.Name.S
            by_mcid = self.parents.get(index, {})
            if by_mcid and sorted(by_mcid) != list(range(len(by_mcid))):
                raise ValueError(f"page {index + 1}: marked-content ids are not 0…n-1")
            nums.append(index)
            nums.append(self.pdf.make_indirect(pikepdf.Array(
                [by_mcid[k] for k in range(len(by_mcid))])))
        for k, element in enumerate(self.annotation_parents):
            nums.append(len(self.pages) + k)
            nums.append(element)
        root = self.pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array([self.document]),
            ParentTree=self.pdf.make_indirect(pikepdf.Dictionary(Nums=nums)),
            ParentTreeNextKey=len(self.pages) + len(self.annotation_parents)))
        if self.ids:  # a name tree's keys in byte order
            names = pikepdf.Array()
            for key in sorted(self.ids, key=lambda k: k.encode()):
                names.append(pikepdf.String(key))
                names.append(self.ids[key])
            root.IDTree = self.pdf.make_indirect(pikepdf.Dictionary(Names=names))
        self.document.P = root
        self.pdf.Root.StructTreeRoot = root
        self.pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
