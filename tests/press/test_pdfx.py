"""PDF/X-4 keys, output intent and reproducibility of the real issue's PDF."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from xml.dom import minidom

import pikepdf
from pypdf import PdfReader

from layout.build import build
from layout.press.pdfx import xmp_packet
from tests.conftest import ISSUE, run_cli


def test_output_intent_and_pdfx_keys(issue_pdf):
    reader = PdfReader(issue_pdf)
    assert reader.pdf_header == "%PDF-1.6"
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4
    assert profile.get_data()[36:40] == b"acsp" and profile.get_data()[16:20] == b"CMYK"
    info = reader.trailer["/Info"].get_object()
    assert info["/GTS_PDFXVersion"] == "PDF/X-4"
    assert info["/Trapped"] == "/False"
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert len(reader.trailer["/ID"][0]) == len(reader.trailer["/ID"][1]) == 16


def test_no_annotations_anywhere(issue_pdf):
    assert all("/Annots" not in page for page in PdfReader(issue_pdf).pages)


def test_same_input_gives_byte_identical_pdf(issue_pdf, tmp_path):
    again = build(ISSUE, tmp_path / "again.pdf")
    assert again.read_bytes() == issue_pdf.read_bytes()


def xmp_of(pdf: Path) -> str:
    return PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data().decode()


def ids(pdf: Path) -> dict[str, str]:
    """DocumentID, InstanceID and VersionID from the XMP; the trailer's two IDs."""
    xmp = xmp_of(pdf)
    found = {key: re.search(rf"<xmpMM:{key}>([^<]+)<", xmp).group(1)
             for key in ("DocumentID", "InstanceID", "VersionID")}
    first, second = PdfReader(pdf).trailer["/ID"]
    found.update(first=getattr(first, "original_bytes", first).hex(),
                 second=getattr(second, "original_bytes", second).hex())
    return found


def test_without_source_date_epoch_the_date_is_the_newest_input_files(issue_copy, tmp_path,
                                                                      monkeypatch):
    """Not 2000-01-01: the time the newest file of the issue was saved (so still the same
    for the same input)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    old = datetime(2023, 1, 1, tzinfo=UTC).timestamp()
    for path in issue_copy.rglob("*"):
        os.utime(path, (old, old))
    newest = datetime(2023, 3, 4, 5, 6, 7, tzinfo=UTC).timestamp()
    os.utime(issue_copy / "articles" / "rey.md", (newest, newest))
    pdf = build(issue_copy, tmp_path / "dated.pdf")
    info = PdfReader(pdf).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20230304050607+00'00'"
    assert "<xmp:CreateDate>2023-03-04T05:06:07Z</xmp:CreateDate>" in xmp_of(pdf)
    with pikepdf.open(pdf) as outside:  # another reader (libqpdf) finds the same date
        assert str(outside.docinfo["/CreationDate"]).startswith("D:20230304050607")


def test_a_newer_picture_dates_the_build_too(tmp_path, monkeypatch):
    """A picture is an input file like the text (its path is the issue folder's)."""
    from layout.build import prepare

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path / "issue"
    assert run_cli("new", root).exit_code == 0
    inputs = prepare(root, placeholders=True).input_files()
    assert root / "images" / "sample.jpg" in inputs and all(p.is_file() for p in inputs)
    old = datetime(2023, 1, 1, tzinfo=UTC).timestamp()
    for path in root.rglob("*"):
        os.utime(path, (old, old))
    newest = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC).timestamp()
    os.utime(root / "images" / "sample.jpg", (newest, newest))
    info = PdfReader(build(root, tmp_path / "dated.pdf")).metadata
    assert info["/CreationDate"] == "D:20240506070809+00'00'"


def test_version_and_instance_change_with_the_content_not_the_document(issue_copy, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = ids(build(issue_copy, tmp_path / "one.pdf"))
    article = issue_copy / "articles" / "rey.md"
    article.write_text(article.read_text().replace("sincerely welcome", "warmly welcome"))
    second = ids(build(issue_copy, tmp_path / "two.pdf"))
    assert first["DocumentID"] == second["DocumentID"] and first["first"] == second["first"]
    for key in ("InstanceID", "VersionID", "second"):
        assert first[key] != second[key], key
    assert first["InstanceID"] != first["DocumentID"]


def test_xmp_is_well_formed_xml_whatever_the_title():
    """Built with an XML library: a title with markup characters stays text (read back by
    expat through minidom, a parser that refuses what is not well-formed XML)."""
    title = 'ADALAZAMAT <№1> & "friends" 2023'
    packet = xmp_packet(title, "A & B", datetime(2023, 1, 2, tzinfo=UTC), b"\1" * 16, b"\2" * 16)
    document = minidom.parseString(packet)
    assert re.search(r"begin=\"\ufeff\"", packet.decode()) and packet.endswith(b'end="w"?>')

    def value(name: str) -> str:
        (element,) = document.getElementsByTagNameNS("*", name)
        (item,) = element.getElementsByTagNameNS("*", "li")
        return "".join(node.data for node in item.childNodes)

    assert value("title") == title
    assert value("creator") == "A & B"


def test_real_issue_xmp_and_info_agree(issue_pdf):
    xmp, info = xmp_of(issue_pdf), PdfReader(issue_pdf).metadata
    assert f">{info['/Title']}<" in xmp
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert "<pdf:Trapped>False</pdf:Trapped>" in xmp and info["/Trapped"] == "/False"
