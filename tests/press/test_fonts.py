"""One font subset per face: the merged fonts draw every glyph where the articles' own fonts
drew it, extract to the same text, and leave no word spacing that would no longer apply.

Text is made the ways ReportLab and our own line engine make it: Tj with Tw (justified
Paragraphs today), TJ arrays with kerning and word-spacing numbers built from ReportLab's
own subset codes (font.splitString), the ' and " operators, a second subset (code 32 kept
for the space), a no-break space, and a soft hyphen drawn at a line end.
"""

from __future__ import annotations

import ctypes
import io

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, DecodedStreamObject
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from layout.build import prepare
from layout.compose.issue import compose_issue
from layout.press.fonts import FontMerge, postscript_names
from layout.press.rewrite import press_document
from tests.conftest import ISSUE, ROOT
from tests.readers import fonts

SERIF = ROOT / "fonts" / "NotoSerif-Regular.ttf"
SANS = ROOT / "fonts" / "NotoSans-Bold.ttf"
MANY = "".join(map(chr, range(0x410, 0x450))) + "ӘәҒғҚқҢңӨөҰұҮүҺһІі" + \
    "".join(map(chr, range(0x100, 0x17F))) + "«»„“”‒–—№…"  # more than one subset's worth


def literal(raw: bytes) -> str:
    escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return "(" + escaped.decode("latin-1") + ")"


def tj_array(canvas: Canvas, font: TTFont, size: float, y: float, words: list[str],
             kerning: float, word_space: float) -> None:
    """A line as our engine draws it: Tf per subset, one TJ per run, kerning between letters
    and the word spacing after each space, from ReportLab's own subset assignment."""
    code = []
    line = " ".join(words)
    for subset, raw in font.splitString(line, canvas._doc):
        name = font.getSubsetInternalName(subset, canvas._doc)
        items = []
        for k, byte in enumerate(raw):
            items.append(literal(bytes([byte])))
            if byte == 32:
                items.append(f"{-word_space:g}")
            elif k % 3 == 1:
                items.append(f"{kerning:g}")
        code.append(f"{name} {size:g} Tf [{' '.join(items)}] TJ")
    canvas._code.append(f"BT 1 0 0 1 60 {y:g} Tm " + " ".join(code) + " ET")


def article(buffer: io.BytesIO, number: int) -> bytes:
    """A one-page 'article' in its own ReportLab document (its own subsets)."""
    serif, sans = pdfmetrics.getFont("MergeSerif"), pdfmetrics.getFont("MergeSans")
    canvas = Canvas(buffer, pagesize=(595, 842), invariant=1, initialFontName="MergeSerif")
    canvas.setFillColorCMYK(0, 0, 0, 1)
    text = canvas.beginText(60, 780)
    text.setFont("MergeSerif", 10, 14)
    text.setWordSpace(2.5 + number)  # Tw, as ReportLab's justified Paragraph writes it
    text.textLine(f"Article {number}: justified words with\u00a0a no-break space")
    text.textLine("Қазақ тілі — «Адал азамат» № 1 " + MANY[number * 7:number * 7 + 40])
    text.setWordSpace(0)
    text.textLine(MANY)  # past the first subset
    text.setWordSpace(1.7)
    text.textLine("second subset words: " + MANY[-60:])
    canvas.drawText(text)
    tj_array(canvas, serif, 9.5, 500, ["Kerned", "and", "spaced", "hyphen\u00ad"], -40, 310)
    tj_array(canvas, sans, 8, 480, ["Жұмыс", "Ұлттық", "№", str(number)], 25, 120)
    canvas.setFont("MergeSans", 11)
    canvas._code.append("BT 60 400 Td 13 TL 2 Tw (quote ' operator) ' "
                        "3 0.5 (double \" operator) \" ET")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def articles() -> list[bytes]:
    for name, path in (("MergeSerif", SERIF), ("MergeSans", SANS)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    return [article(io.BytesIO(), number) for number in range(3)]


def joined(articles: list[bytes], merge: bool, faces: dict | None = None) -> bytes:
    """The articles as one PDF, joined unchanged or pressed (as the build does) with their
    fonts merged."""
    faces = postscript_names([SERIF, SANS]) if faces is None else faces
    fonts = FontMerge(faces)
    writer = PdfWriter()
    for pdf in articles:
        reader = PdfReader(io.BytesIO(pdf))
        if merge:
            fonts.add(press_document(reader, faces).used)
        writer.append(reader)
    if merge:
        fonts.finish(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def glyphs(pdf: bytes) -> list[list[tuple[str, float, float, float]]]:
    """pdfium's characters per page: text, origin x and y, right edge."""
    document = pypdfium2.PdfDocument(pdf)
    pages = []
    for index in range(len(document)):
        text = document[index].get_textpage()
        row = []
        for k in range(text.count_chars()):
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharOrigin(text, k, x, y)
            row.append((text.get_text_range(k, 1), round(x.value, 3), round(y.value, 3),
                        round(text.get_charbox(k)[2], 3)))
        pages.append(row)
    document.close()
    return pages


def same_glyphs(before, after, tolerance: float = 0.005) -> bool:
    """The same characters on every page, each within `tolerance` pt of where it was (the
    folded word spacing is written to five decimals of a thousandth of an em)."""
    assert len(before) == len(after)
    for number, (old, new) in enumerate(zip(before, after, strict=True), start=1):
        assert [g[0] for g in old] == [g[0] for g in new], f"text differs on p. {number}"
        moved = [(a, b) for a, b in zip(old, new, strict=True)
                 if max(abs(u - v) for u, v in zip(a[1:], b[1:], strict=True)) > tolerance]
        assert not moved, f"p. {number}: {moved[:3]}"
    return True


def word_spacing_ignored(pdf: bytes) -> list[tuple[int, str]]:
    """Text shown in a two-byte (Type0) font while a word spacing is set: Tw applies only to
    the one-byte code 32, so those spaces silently lose their width."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        fonts = page["/Resources"].get("/Font", {})
        tw, stack, font = 0.0, [], None
        for operands, operator in ContentStream(page.get_contents(), None).operations:
            if operator == b"q":
                stack.append((tw, font))
            elif operator == b"Q" and stack:
                tw, font = stack.pop()
            elif operator == b"Tw":
                tw = float(operands[0])
            elif operator == b'"':
                tw = float(operands[0])
            elif operator == b"Tf":
                font = fonts[operands[0]].get_object()
            if operator in (b"Tj", b"TJ", b"'", b'"') and tw and font is not None \
                    and font["/Subtype"] == "/Type0":
                found.append((number, str(font["/BaseFont"])))
    return found


def test_merged_fonts_draw_every_glyph_where_it_was(articles):
    """Same characters (ToUnicode kept), same origins and advances, to a thousandth of a pt:
    Tw folded into TJ, kerning and word-spacing numbers kept, ' and \" rewritten."""
    before, after = glyphs(joined(articles, merge=False)), glyphs(joined(articles, True))
    assert sum(map(len, before)) > 1500
    assert same_glyphs(before, after)


def test_each_face_once_as_a_cid_font(articles, tmp_path):
    plain, merged = tmp_path / "plain.pdf", tmp_path / "merged.pdf"
    plain.write_bytes(joined(articles, merge=False))
    merged.write_bytes(joined(articles, merge=True))
    before = fonts(plain)
    assert len(before) >= 7  # 3 documents x 2 faces, some in two subsets: AAAAAA, AAAAAB
    assert {font.name[:7] for font in before} == {"AAAAAA+", "AAAAAB+"}
    after = fonts(merged)
    assert [font.face for font in after] == ["NotoSerif-Regular", "NotoSans-Bold"]
    assert all(font.type == "CID TrueType" and font.encoding == "Identity-H"
               and font.embedded and font.subset and font.unicode for font in after), after
    assert len({font.name.split("+")[0] for font in after}) == 2  # content-derived tags


def test_no_word_spacing_is_left_to_a_two_byte_font(articles):
    merged = joined(articles, merge=True)
    assert word_spacing_ignored(merged) == []
    operators = {operator for page in PdfReader(io.BytesIO(merged)).pages
                 for _, operator in ContentStream(page.get_contents(), None).operations}
    assert b"Tw" not in operators and b'"' not in operators


def test_the_word_spacing_check_sees_a_tw_that_no_longer_applies(articles):
    """The check above is not blind: a Tw put back before merged text is found."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(joined(articles, merge=True))))
    page = writer.pages[0]
    data = page.get_contents().get_data().replace(b"BT ", b"BT 2.5 Tw ")
    stream = DecodedStreamObject()
    stream.set_data(data)
    page.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    found = word_spacing_ignored(out.getvalue())
    assert found and found[0][0] == 1


def test_the_same_characters_make_the_same_subset(articles):
    """Reproducible: the subset program and its tag depend on the characters only."""
    assert joined(articles, merge=True) == joined(articles, merge=True)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName="MergeSerif")
    canvas.setFont("MergeSerif", 10)
    canvas.drawString(60, 700, "\u0462")  # a letter no article has
    canvas.showPage()
    canvas.save()
    other = joined([*articles, buffer.getvalue()], merge=True)
    tags = [{str(font.get_object()["/BaseFont"]) for page in PdfReader(io.BytesIO(pdf)).pages
             for font in page["/Resources"]["/Font"].values()}
            for pdf in (joined(articles, merge=True), other)]
    assert len(tags[0] & tags[1]) == 1  # the sans is the same subset, the serif has grown


def test_the_subset_is_a_valid_font_with_the_faces_outlines(articles):
    """fontTools reads the embedded program: every glyph's outline and advance are the face's
    (byte-copied, hinting included), composites point at their new components."""
    from fontTools.ttLib import TTFont

    reader = PdfReader(io.BytesIO(joined(articles, merge=True)))
    font = next(f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()
                if "NotoSerif" in f.get_object()["/BaseFont"])
    descendant = font["/DescendantFonts"][0].get_object()
    program = descendant["/FontDescriptor"]["/FontFile2"].get_data()
    gids = descendant["/CIDToGIDMap"].get_data()
    embedded, face = TTFont(io.BytesIO(program)), TTFont(str(SERIF))
    names, face_cmap = embedded.getGlyphOrder(), face.getBestCmap()
    checked = 0
    for cid in range(len(gids) // 2):
        gid = int.from_bytes(gids[2 * cid:2 * cid + 2], "big")
        if not gid:
            continue
        ours, theirs = embedded["glyf"][names[gid]], face["glyf"][face_cmap[cid]]
        assert embedded["hmtx"][names[gid]] == face["hmtx"][face_cmap[cid]]
        if theirs.numberOfContours:
            assert list(ours.getCoordinates(embedded["glyf"])[0]) == \
                list(theirs.getCoordinates(face["glyf"])[0]), chr(cid)
        checked += 1
    assert checked > 250 and "fpgm" in embedded and "prep" in embedded


def test_a_face_without_its_file_keeps_its_fonts_with_unique_tags(articles, tmp_path):
    """Fallback: fonts that cannot be merged keep their program once each, under a tag
    derived from it (identical documents share one program)."""
    path = tmp_path / "kept.pdf"
    path.write_bytes(joined([articles[0], articles[0], articles[1]], merge=True, faces={}))
    listed = fonts(path)
    programs = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            program = font["/FontDescriptor"].raw_get("/FontFile2")
            programs.setdefault(str(font["/BaseFont"]), set()).add(program.idnum)
    assert all(len(objects) == 1 for objects in programs.values())  # one program per name
    names = list(programs)
    fonts_kept = sum(len(page["/Resources"]["/Font"]) for page in PdfReader(path).pages)
    assert fonts_kept == 9 and 3 <= len(names) < fonts_kept  # identical programs stored once
    assert not any(name.startswith("/AAAAA") for name in names)
    assert listed and all(font.subset for font in listed)
    plain = joined([articles[0], articles[0], articles[1]], merge=False)
    assert same_glyphs(glyphs(plain), glyphs(path.read_bytes()))


@pytest.fixture(scope="module")
def composed(issue_pdf):
    """The real issue's articles as composed (from the build's warm cache)."""
    from layout.build import article_cache, cache_folder

    ready = prepare(ISSUE)
    cache = article_cache(ready, cache_folder(ISSUE), True)
    return compose_issue(ready.issue, ready.theme, ready.faces, [], cache=cache).articles


def test_real_issue_embeds_each_face_once(issue_pdf):
    listed = fonts(issue_pdf)
    faces = [font.face for font in listed]
    assert len(faces) == len(set(faces)) == 4, listed
    assert all(font.type == "CID TrueType" and font.embedded and font.subset and font.unicode
               for font in listed)
    assert issue_pdf.stat().st_size < 1_200_000  # 1.95 MB with 69 font objects


def test_real_issue_glyphs_are_where_the_articles_put_them(issue_pdf, composed):
    writer = PdfWriter()
    for item in composed:
        writer.append(PdfReader(io.BytesIO(item.pdf)))
    out = io.BytesIO()
    writer.write(out)
    before, after = glyphs(out.getvalue()), glyphs(issue_pdf.read_bytes())
    assert sum(map(len, after)) > 100_000
    assert same_glyphs(before, after)


def test_real_issue_leaves_no_word_spacing_to_two_byte_fonts(issue_pdf):
    assert word_spacing_ignored(issue_pdf.read_bytes()) == []
