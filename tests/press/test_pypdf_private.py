"""pypdf's internals are touched in one module only, and only with the version it was written
against: another pypdf makes this test fail loudly, so each use is checked again. What each
one does is read back from the written file with pikepdf (libqpdf), not with pypdf."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import pikepdf
import pypdf
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, NumberObject, TextStringObject

from layout.press import pypdf_private as private

ROOT = Path(__file__).resolve().parents[2]
PRIVATE = re.compile(r"\._(add_object|info|ID|data|objects|root_object|info_obj|encryption"
                     r"|get_object|pages|flatten)\b|\bfrom pypdf\.(\w+\.)*_\w+ import"
                     r"|\bimport pypdf\.(\w+\.)*_")


def test_the_installed_pypdf_is_the_one_the_internals_were_written_against():
    major_minor = ".".join(pypdf.__version__.split(".")[:2])
    assert major_minor == private.WRITTEN_AGAINST, (
        f"pypdf {pypdf.__version__} is installed, layout/press/pypdf_private.py was written "
        f"against {private.WRITTEN_AGAINST}: check every internal it names, then update "
        "WRITTEN_AGAINST and the pin in pyproject.toml")


def test_the_internals_still_do_what_the_press_relies_on():
    writer = PdfWriter()
    page = writer.add_blank_page(100, 100)
    profile = zlib.compress(b"not a real profile, but bytes kept as they are")
    stream = private.encoded_stream(profile, "/FlateDecode")
    stream[NameObject("/N")] = NumberObject(4)
    reference = private.add_object(writer, DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/DestOutputProfile"): private.add_object(writer, stream)}))
    assert reference.get_object()["/Type"] == "/OutputIntent"
    page[NameObject("/ADZIntent")] = reference
    writer.add_metadata({"/Title": "Internals"})
    private.info(writer)[NameObject("/Trapped")] = NameObject("/False")
    private.info(writer)[NameObject("/ADZFit")] = TextStringObject("{}")
    private.set_file_id(writer, b"d" * 16, b"i" * 16)
    out = io.BytesIO()
    writer.write(out)

    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        intent = pdf.pages[0].obj["/ADZIntent"]
        assert intent.is_indirect and intent["/Type"] == "/OutputIntent"
        written = intent["/DestOutputProfile"]
        assert written.is_indirect and written.read_raw_bytes() == profile  # not encoded again
        assert written.read_bytes() == zlib.decompress(profile)
        assert pdf.docinfo["/Trapped"] == pikepdf.Name("/False")  # a name, not a string
        assert str(pdf.docinfo["/Title"]) == "Internals"
        assert str(pdf.docinfo["/ADZFit"]) == "{}"
        assert [bytes(part) for part in pdf.trailer["/ID"]] == [b"d" * 16, b"i" * 16]


def test_no_other_module_touches_pypdf_internals():
    offenders = []
    for path in sorted((ROOT / "layout").rglob("*.py")):
        if path.name == "pypdf_private.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if PRIVATE.search(line) and "self._" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
