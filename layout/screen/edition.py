"""The screen edition: the issue as one tagged PDF/UA-1 for reading on screens.

The articles are composed and pressed as for print, on a canvas that tags them
(layout/compose/tagging.py), and joined with one subset of each face. Then, with pikepdf:
the pages are trimmed and turned sRGB (rendition.py), the structure tree is built
(structure.py), the bookmarks (article titles, their subheads) and the contents page's
links are made, and the document says its title, language and PDF/UA-1 conformance.
"""

from __future__ import annotations

import io
import uuid
from datetime import datetime
from pathlib import Path

import pikepdf

from layout.compose.pages import ComposedArticle
from layout.compose.tagging import note_id
from layout.content.model import Issue
from layout.press.pdfx import Xmp, pdf_date
from layout.screen.rendition import originals_of, page_content, render
from layout.screen.structure import ArticleTree, TreeBuilder, resolve_headings, wrap_artifacts

CREATOR = "ADALAZAMAT layout (screen edition)"
PRODUCER = "ReportLab + pypdf + pikepdf"
NAMESPACES = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def make_screen(composed: list[ComposedArticle], issue: Issue, moment: datetime,
                faces: dict[str, Path], fingerprint: bytes) -> bytes:
    """The screen edition's bytes from the tagged, pressed articles."""
    from layout.build import join_articles  # the print build's join, shared

    writer, fonts = join_articles(composed, issue, faces, outline=False)
    fonts.finish(writer)
    joined = io.BytesIO()
    writer.write(joined)
    pdf = pikepdf.open(io.BytesIO(joined.getvalue()))
    tagged, start = [], 0
    for article in composed:
        tagged.append(ArticleTree(article.slug, start, article.structure or []))
        start += article.pages
    render(pdf, originals_of(pdf, picture_files(tagged)))
    for page in pdf.pages:
        page.obj.Contents = pdf.make_stream(wrap_artifacts(page_content(page)))
    place_links(pdf, tagged)
    title = f"{issue.magazine} {issue.issue_line}"
    resolve_headings(tagged)
    tree = TreeBuilder(pdf, issue.language, title)
    starts = {t.slug: t.start for t in tagged}
    heads = {a.slug: a for a in issue.articles}

    def link_target(link: str, article: ArticleTree):
        kind, _, where = link.partition(":")
        if kind == "note":  # a note's call: to the note, where it begins
            wanted = note_id(article.slug, int(where)) if where.isdigit() else None
            note = next((n for n in article.nodes if n.role == "Note" and n.id == wanted), None)
            if note is not None and note.at:
                page = pdf.pages[article.start + note.at[0] - 1].obj
                return ({"Dest": pikepdf.Array([page, pikepdf.Name.XYZ, None, note.at[1],
                                                None])}, f"note {where}")
            return ({"Dest": pikepdf.Array([pdf.pages[article.start].obj, pikepdf.Name.Fit])},
                    f"note {where}")
        if kind == "article":
            page = pdf.pages[starts[where]].obj
            article = heads[where]
            first = next(c.first_page for c in composed if c.slug == where)
            return ({"Dest": pikepdf.Array([page, pikepdf.Name.Fit])},
                    f"{article.title or where}, page {first}")
        return ({"A": pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(link))},
                f"link to {link.removeprefix('mailto:')}")

    for article in tagged:
        if article.nodes:
            tree.add(article, link_target)
    tree.finish()
    _outline(pdf, tagged, heads)
    _document_info(pdf, issue, title, moment, fingerprint)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True, force_version="1.7",
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def picture_files(tagged: list[ArticleTree]) -> dict[tuple[int, int], Path]:
    """(page index, MCID) -> the original file of the Figure that marked content is of,
    where that file is still there."""
    out: dict[tuple[int, int], Path] = {}
    for article in tagged:
        for node in article.nodes:
            if node.source and Path(node.source).is_file():
                for page, mcid in (k for k in node.kids if not isinstance(k, int)):
                    out[(article.start + page - 1, mcid)] = Path(node.source)
    return out


def place_links(pdf: pikepdf.Pdf, tagged: list[ArticleTree]) -> None:
    """Give each address's Link the areas its characters cover, line by line, as a reader
    of the page finds them (pdfplumber: the characters of the Link's marked content)."""
    wanted: dict[tuple[int, int], object] = {}  # (page index, mcid) -> its Link node
    for article in tagged:
        for node in article.nodes:
            if node.role == "Link" and not node.rects:
                for page, mcid in (k for k in node.kids if not isinstance(k, int)):
                    wanted[(article.start + page - 1, mcid)] = (node, article.start)
    if not wanted:
        return
    import pdfplumber

    data = io.BytesIO()
    pdf.save(data)
    with pdfplumber.open(data) as document:
        for index in sorted({page for page, _ in wanted}):
            page = document.pages[index]
            height = float(page.height)  # pdfplumber: x as in the PDF, top down from height
            lines: dict[tuple[int, float], list] = {}
            for char in page.chars:
                if (index, char.get("mcid")) in wanted and char["text"].strip():
                    lines.setdefault((char["mcid"], round(char["bottom"])), []).append(char)
            for (mcid, _), chars in lines.items():
                node, start = wanted[(index, mcid)]
                node.rects.append((index - start + 1, min(c["x0"] for c in chars),
                                   height - max(c["bottom"] for c in chars),
                                   max(c["x1"] for c in chars),
                                   height - min(c["top"] for c in chars)))


def _outline(pdf: pikepdf.Pdf, tagged: list[ArticleTree], heads: dict) -> None:
    """A bookmark at each article's heading, with one under it at each of its subheads."""
    with pdf.open_outline() as outline:
        outline.root.clear()
        for article in tagged:
            headings = [n for n in article.nodes if n.role in ("H1", "H2") and n.at]
            first = next((n for n in headings if n.role == "H1"), None)
            title = first.text if first else (heads[article.slug].title or article.slug)
            page, top = first.at if first else (1, None)
            item = pikepdf.OutlineItem(title, article.start + page - 1, "XYZ", top=top)
            for node in headings:
                if node.role == "H2" and node.text:
                    item.children.append(pikepdf.OutlineItem(
                        node.text, article.start + node.at[0] - 1, "XYZ", top=node.at[1]))
            outline.root.append(item)


def _document_info(pdf: pikepdf.Pdf, issue: Issue, title: str, moment: datetime,
                   fingerprint: bytes) -> None:
    """Title, language, DisplayDocTitle, Info and an XMP packet with PDF/UA-1 in it."""
    pdf.Root.Lang = pikepdf.String(issue.language)
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    pdf.Root.PageMode = pikepdf.Name.UseOutlines
    pdf.Root.Metadata = pdf.make_stream(
        xmp_packet(title, issue.magazine, issue.language, moment, fingerprint),
        Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    info = pikepdf.Dictionary(Title=pikepdf.String(title), Author=pikepdf.String(issue.magazine),
                              Creator=pikepdf.String(CREATOR),
                              Producer=pikepdf.String(PRODUCER),
                              CreationDate=pikepdf.String(pdf_date(moment)),
                              ModDate=pikepdf.String(pdf_date(moment)))
    pdf.trailer.Info = pdf.make_indirect(info)


def xmp_packet(title: str, author: str, language: str, moment: datetime,
               fingerprint: bytes) -> bytes:
    """The XMP packet: title, creator, language, dates, ids, and pdfuaid:part 1."""
    xmp = Xmp(NAMESPACES, title, author, moment, CREATOR, PRODUCER)
    add, description = xmp.add, xmp.description
    add(add(add(description, "dc:language"), "rdf:Bag"), "rdf:li", language)
    add(description, "xmpMM:DocumentID", f"uuid:{uuid.UUID(bytes=fingerprint[:16])}")
    add(description, "pdfuaid:part", "1")
    return xmp.packet()
