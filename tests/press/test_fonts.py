"""One font subset per face: text written in the document's faces from the start
(compose/text/draw.py) is embedded once per face, every glyph where the writer put it,
extracting to the characters written, with no word spacing that would not apply.

The articles are separate ReportLab documents, as the build makes them: text written by
`write_text` (plain, centred, right-aligned, letter-spaced) and as TJ arrays with kerning
numbers (the line engine's way), a no-break space, a soft hyphen, more than 256 characters.
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

from layout.compose import reportlab_private as rl
from layout.compose.text.draw import encoded, write_text
from layout.press.fonts import FontMerge, postscript_names
from layout.press.rewrite import press_document
from layout.style import shaping
from tests.conftest import ROOT
from tests.readers import fonts

SERIF = ROOT / "fonts" / "NotoSerif-Regular.ttf"
SANS = ROOT / "fonts" / "NotoSans-Bold.ttf"
MANY = "".join(map(chr, range(0x410, 0x450))) + "ӘәҒғҚқҢңӨөҰұҮүҺһІі" + \
    "".join(map(chr, range(0x100, 0x17F))) + "«»„“”‒–—№…"  # more than 256 with the ASCII


def lines(number: int) -> list[tuple[str, str, float, float, float, str, float]]:
    """(face, text, size, x, y, anchor, tracking) of what article `number` writes."""
    return [
        ("MergeSerif", f"Article {number}: words with\u00a0a no-break space", 10, 60, 780,
         "start", 0.0),
        ("MergeSerif", "Қазақ тілі — «Адал азамат» № 1 " + MANY[number * 7:number * 7 + 40],
         10, 300, 760, "middle", 0.0),
        ("MergeSerif", MANY[:120], 6, 535, 740, "end", 0.0),
        ("MergeSerif", MANY[120:], 6, 60, 720, "start", 0.0),
        ("MergeSans", "ЖҰМЫС ҰЛТТЫҚ № " + str(number), 8, 60, 700, "start", 1.2),
    ]


KERNED = ("MergeSerif", "Kerned hyphen\u00ad", 9.5, 60, 500, -40.0)  # a TJ number after every 3rd


def expected(number: int) -> list[tuple[str, float, float]]:
    """Every character's origin as the writer means it: x + the advances (and tracking)."""
    out = []
    for face, text, size, x, y, anchor, tracking in lines(number):
        widths = [w * size / 1000 for w in shaping.plain_widths(face, text)]
        total = sum(widths) + tracking * (len(text) - 1)
        x -= {"start": 0, "middle": total / 2, "end": total}[anchor]
        for ch, width in zip(text, widths, strict=True):
            out.append((ch, round(x, 3), float(y)))
            x += width + tracking
    face, text, size, x, y, kern = KERNED
    for k, (ch, width) in enumerate(zip(text, shaping.plain_widths(face, text), strict=True)):
        out.append((ch, round(x, 3), float(y)))
        x += (width - (kern if k % 3 == 1 else 0)) * size / 1000
    return out


def article(number: int) -> bytes:
    """A one-page 'article' in its own ReportLab document."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842), invariant=1, initialFontName="MergeSerif")
    canvas.setFillColorCMYK(0, 0, 0, 1)
    for face, text, size, x, y, anchor, tracking in lines(number):
        write_text(canvas, face, size, x, y, text, anchor=anchor, tracking=tracking)
    face, text, size, x, y, kern = KERNED
    resource, codes = encoded(canvas, face, text)
    items = []
    for k in range(len(text)):
        items.append(rl.pdf_string(codes[2 * k:2 * k + 2]))
        if k % 3 == 1:
            items.append(f"{kern:g}")
    canvas.addLiteral(f"BT 1 0 0 1 {x} {y} Tm {resource} {size} Tf [{' '.join(items)}] TJ ET")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def register() -> None:
    for name, path in (("MergeSerif", SERIF), ("MergeSans", SANS)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        shaping.register_face(name, path)


@pytest.fixture(scope="module")
def articles() -> list[bytes]:
    register()
    return [article(number) for number in range(3)]


def joined(articles: list[bytes], faces: dict | None = None) -> bytes:
    """The articles pressed and joined as the build does, each face embedded once."""
    faces = postscript_names([SERIF, SANS]) if faces is None else faces
    fonts = FontMerge(faces)
    writer = PdfWriter()
    for pdf in articles:
        reader = PdfReader(io.BytesIO(pdf))
        fonts.add(press_document(reader).used)
        writer.append(reader)
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
            if pdfium_c.FPDFText_IsGenerated(text, k):
                continue  # a line break pdfium adds
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


def test_every_glyph_is_where_the_writer_put_it(articles):
    """Same characters as written (ToUnicode exact: the no-break space and soft hyphen
    too), each origin where the advances, anchors, tracking and TJ numbers put it."""
    drawn = glyphs(joined(articles))
    assert sum(map(len, drawn)) > 1000
    for number, page in enumerate(drawn):
        want = expected(number)
        assert "".join(g[0] for g in page) == "".join(w[0] for w in want)
        moved = [(g, w) for g, w in zip(page, want, strict=True)
                 if abs(g[1] - w[1]) > 0.005 or abs(g[2] - w[2]) > 0.005]
        assert not moved, f"p. {number + 1}: {moved[:3]}"


def test_each_face_once_as_a_cid_font(articles, tmp_path):
    merged = tmp_path / "merged.pdf"
    merged.write_bytes(joined(articles))
    after = fonts(merged)
    assert sorted(font.face for font in after) == ["NotoSans-Bold", "NotoSerif-Regular"]
    assert all(font.type == "CID TrueType" and font.encoding == "Identity-H"
               and font.embedded and font.subset and font.unicode for font in after), after
    assert len({font.name.split("+")[0] for font in after}) == 2  # content-derived tags


def test_an_article_carries_no_font_program(articles):
    """Each article names its faces by placeholders only: the programs are the press's."""
    reader = PdfReader(io.BytesIO(articles[0]))
    fonts_named = reader.pages[0]["/Resources"]["/Font"]
    assert {str(f.get_object()["/ADZFace"]) for f in fonts_named.values()} == \
        {"/NotoSerif-Regular", "/NotoSans-Bold"}
    assert b"/FontFile2" not in articles[0]


def test_no_word_spacing_is_left_to_a_two_byte_font(articles):
    merged = joined(articles)
    assert word_spacing_ignored(merged) == []
    operators = {operator for page in PdfReader(io.BytesIO(merged)).pages
                 for _, operator in ContentStream(page.get_contents(), None).operations}
    assert b"Tw" not in operators


def test_the_word_spacing_check_sees_a_tw_that_no_longer_applies(articles):
    """The check above is not blind: a Tw put before the text is found."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(joined(articles))))
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
    assert joined(articles) == joined(articles)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName="MergeSerif")
    write_text(canvas, "MergeSerif", 10, 60, 700, "\u0462")  # a letter no article has
    canvas.showPage()
    canvas.save()
    other = joined([*articles, buffer.getvalue()])
    tags = [{str(font.get_object()["/BaseFont"]) for page in PdfReader(io.BytesIO(pdf)).pages
             for font in page["/Resources"]["/Font"].values()}
            for pdf in (joined(articles), other)]
    assert len(tags[0] & tags[1]) == 1  # the sans is the same subset, the serif has grown


def test_a_face_the_press_does_not_know_is_refused(articles):
    with pytest.raises(ValueError, match="NotoSans-Bold"):
        joined(articles, faces=postscript_names([SERIF]))


def test_the_subset_is_a_valid_font_with_the_faces_outlines(articles):
    """fontTools reads the embedded program: every glyph's outline and advance are the face's
    (byte-copied, hinting included), composites point at their new components."""
    from fontTools.ttLib import TTFont

    reader = PdfReader(io.BytesIO(joined(articles)))
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
    assert checked > 240 and "fpgm" in embedded and "prep" in embedded


def foreign(text: str) -> bytes:
    """A document whose text ReportLab draws itself in its own subset (as an advertiser's
    PDF brings its fonts)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName="MergeSans")
    canvas.setFont("MergeSans", 10)
    canvas.drawString(60, 700, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_font_not_ours_keeps_its_program_with_unique_tags(articles, tmp_path):
    """Fonts that are no placeholder are kept, their program once each, under a tag derived
    from it (identical documents share one program); ours are still merged."""
    path = tmp_path / "kept.pdf"
    path.write_bytes(joined([foreign("an advert"), foreign("an advert"), foreign("another Ж"),
                             articles[0]]))
    programs: dict[str, set[int]] = {}
    for page in PdfReader(path).pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            program = font["/FontDescriptor"].raw_get("/FontFile2")
            programs.setdefault(str(font["/BaseFont"]), set()).add(program.idnum)
    assert all(len(objects) == 1 for objects in programs.values())  # one program per name
    assert len(programs) == 2 and not any(name.startswith("/AAAAA") for name in programs)
    listed = fonts(path)
    assert all(font.subset for font in listed)
    assert sum(font.type == "CID TrueType" for font in listed) == 2  # the article's faces
    assert [g[0] for g in glyphs(path.read_bytes())[0]] == list("an advert")


def test_real_issue_embeds_each_face_once(issue_pdf):
    listed = fonts(issue_pdf)
    faces = [font.face for font in listed]
    assert len(faces) == len(set(faces)) == 4, listed
    assert all(font.type == "CID TrueType" and font.embedded and font.subset and font.unicode
               for font in listed)
    assert issue_pdf.stat().st_size < 1_200_000  # 1.95 MB with 69 font objects


def test_real_issue_leaves_no_word_spacing_to_two_byte_fonts(issue_pdf):
    assert word_spacing_ignored(issue_pdf.read_bytes()) == []
    operators = {operator for page in PdfReader(issue_pdf).pages
                 for _, operator in ContentStream(page.get_contents(), None).operations}
    assert b"Tw" not in operators
