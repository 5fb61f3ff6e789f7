"""PDF/X-4 keys, output intent and reproducibility of the real issue's PDF."""

from __future__ import annotations

from pypdf import PdfReader

from layout.build import build
from tests.conftest import ISSUE


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
    assert len(reader.trailer["/ID"][0]) == 16


def test_no_annotations_anywhere(issue_pdf):
    assert all("/Annots" not in page for page in PdfReader(issue_pdf).pages)


def test_same_input_gives_byte_identical_pdf(issue_pdf, tmp_path):
    again = build(ISSUE, tmp_path / "again.pdf")
    assert again.read_bytes() == issue_pdf.read_bytes()
