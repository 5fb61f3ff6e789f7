"""PDFs given to the checks are read as the issue's own files are: special files, empty,
HTML, encrypted, damaged, cyclic, bombs, huge pages and endless page counts are each a clear
error naming the file, exit 2 — never a hang, a traceback or the memory filled."""

from __future__ import annotations

import os
import stat
import zlib

import pytest
from pypdf import PdfWriter

from tests.conftest import ISSUE, run_cli

COMMANDS = ("verify", "preflight", "impose", "preview", "diff")


def raw_pdf(*objects: bytes) -> bytes:
    """A PDF written by hand, object by object (object 1 is the catalog)."""
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return out


CATALOG, PAGES = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def hostile(folder, case: str, good) -> tuple:
    """The file of one case and the words its error must say."""
    path = folder / f"{case}.pdf"
    if case == "fifo":
        os.mkfifo(path)
        return path, "is a named pipe (FIFO), not a PDF file"
    if case == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # a copy of /dev/zero, here
        return path, "is a device, not a PDF file"
    if case == "empty":
        path.write_bytes(b"")
        return path, "is empty (0 bytes), not a PDF"
    if case == "html":
        path.write_bytes(b"<!DOCTYPE html><html><body>Not found</body></html>")
        return path, "is not a PDF (it starts with '<!DOCTYPE html>"
    if case == "truncated":
        data = good.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return path, "is damaged and cannot be read"
    if case == "encrypted":
        writer = PdfWriter(clone_from=good)
        writer.encrypt(user_password="secret", owner_password="owner")
        writer.write(path)
        return path, "encrypted"
    if case == "cyclic":
        path.write_bytes(raw_pdf(CATALOG, PAGES, b"<< /Type /Pages /Parent 2 0 R "
                                                 b"/Kids [2 0 R] /Count 1 >>"))
        return path, "has a page tree that runs in a circle"
    if case == "bomb":  # 120 MB of zeros in 120 kB
        packer = zlib.compressobj(9)
        stream = b"".join(packer.compress(bytes(8 << 20)) for _ in range(15)) + packer.flush()
        path.write_bytes(raw_pdf(CATALOG, PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox "
                                 b"[0 0 595 842] /Contents 4 0 R >>",
                                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                                 + stream + b"\nendstream"))
        return path, "holds a stream that decompresses to more than 75 MB"
    if case == "huge-page":  # one page 5 m square in 400 bytes
        path.write_bytes(raw_pdf(CATALOG, PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox "
                                 b"[0 0 14173 14173] >>"))
        return path, "page 1 is 5000 × 5000 mm: no press sheet is that size"
    if case == "heavy-page":  # 17 MB of drawing on one page, in 17 kB
        stream = zlib.compress(b"0 0 m 1 1 l S\n" * ((17 << 20) // 14), 9)
        path.write_bytes(raw_pdf(CATALOG, PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox "
                                 b"[0 0 595 842] /Contents 4 0 R >>",
                                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
                                 + stream + b"\nendstream"))
        return path, "page 1 draws more than 16 MB of content"
    if case == "pages":
        writer = PdfWriter()
        for _ in range(2001):
            writer.add_blank_page(595, 842)
        writer.write(path)
        return path, "has more than 2000 pages"
    raise ValueError(case)


CASES = ("fifo", "device", "empty", "html", "truncated", "encrypted", "cyclic", "bomb",
         "huge-page", "heavy-page", "pages")


def arguments(command: str, pdf, good, out) -> list:
    return {"verify": ["verify", pdf, ISSUE], "preflight": ["preflight", pdf],
            "impose": ["impose", pdf, "-o", out / "imposed.pdf"],
            "preview": ["preview", pdf, "-o", out / "preview"],
            "diff": ["diff", good, pdf, "-o", out / "diff", "--any-issues"]}[command]


@pytest.mark.parametrize("case", CASES)
def test_every_pdf_command_refuses_the_case_clearly(issue_pdf, tmp_path, case):
    pdf, words = hostile(tmp_path, case, issue_pdf)
    for command in COMMANDS:
        out = tmp_path / command
        result = run_cli(*arguments(command, pdf, issue_pdf, out))
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.startswith(f"error: {pdf}: "), (command, result.stderr)
        assert words in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.output and not list(out.glob("**/*.p*"))


def test_preview_of_imposed_sheets_without_an_outline(issue_pdf, tmp_path):
    """Any PDF without an outline (our own sheets too) was an internal error."""
    sheets = tmp_path / "sheets.pdf"
    assert run_cli("impose", issue_pdf, "-o", sheets, "--reader").exit_code == 0
    result = run_cli("preview", sheets, "-o", tmp_path / "preview")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "preview" / "contact.png").exists()


@pytest.mark.parametrize("case", ("fifo", "html", "bomb"))
def test_the_checks_own_commands_read_a_pdf_by_the_same_rule(tmp_path, capsys, case):
    """`python -m layout.checks.margins` and the like had a file check of their own (a FIFO
    passed its stat test, a bomb went on to pdfplumber): now the one rule of pdf_input."""
    from layout.checks import baselines, fill, holes, margins, typo

    pdf, words = hostile(tmp_path, case, None)
    for check, argv in ((margins, [pdf, ISSUE]), (baselines, [pdf, ISSUE]),
                        (holes, [pdf, ISSUE]), (fill, [pdf, ISSUE]),
                        (typo, [pdf, "--issue", ISSUE])):
        assert check.main([str(a) for a in argv]) == 2, check.__name__
        err = capsys.readouterr().err
        assert err.startswith(f"error: {pdf}: ") and words in err, (check.__name__, err)
