"""The justified columns of the real issue meet the typographic targets (read from the PDF)."""

from layout.checks.typo import measure
from layout.style.typesetting import Hangs

FLUSH = Hangs()  # the test PDFs here are drawn flush: no punctuation hangs


def test_real_issue_meets_the_typographic_targets(issue_pdf):
    report = measure(issue_pdf)
    assert report.lines > 2000
    assert report.gap_p95 <= 0.60
    assert report.loose_share <= 0.01
    assert report.hyphen_share <= 0.20
    assert report.ladders <= 3
    assert report.widows == [] and report.orphans == [] and report.overfull == []


def _column_pdf(path, lines, size=9.5, width=150.0, left=60.0, top=100.0):
    """A page with one column of justified lines: each line's words spread to `width`."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from tests.conftest import ROOT

    pdfmetrics.registerFont(TTFont("TypoTestSerif", ROOT / "fonts" / "NotoSerif-Regular.ttf"))
    page = canvas.Canvas(str(path), pagesize=(595, 842), initialFontName="TypoTestSerif")
    page.setFont("TypoTestSerif", size)
    for k, line in enumerate(lines):
        words = line.split()
        widths = [pdfmetrics.stringWidth(w, "TypoTestSerif", size) for w in words]
        gap = (width - sum(widths)) / (len(words) - 1)
        x, y = left, 842 - top - 13 * k
        for word, w in zip(words, widths, strict=True):
            page.drawString(x, y, word)
            x += w + gap
    page.save()
    return path


def test_one_letter_line_ends_are_counted(tmp_path):
    lines = ["Она сказала, что придёт в",       # ends in a one-letter word
             "субботу утром, и мы ждали с",     # one-letter
             "нетерпением, как ждут праздника.",  # not
             "Every citizen has the right to a",  # one-letter (English article)
             "hearing, and I think that I",     # one-letter ("I")
             "agree with «в",                    # one-letter after an opening quote
             "Ответил я.",                       # a letter and a full stop: a sentence's end
             "the end of the line is here"]      # not
    pdf = _column_pdf(tmp_path / "one-letter.pdf", lines)
    report = measure(pdf, FLUSH)
    assert report.body_lines == len(lines)
    assert len(report.one_letter) == 5
    assert report.one_letter_share == 5 / len(lines)
    assert all("p1 col 1" in where for where in report.one_letter)


def test_pairs_split_at_line_ends_and_very_loose_lines_are_seen(tmp_path):
    lines = ["the programme cost them 2",       # "2 | 000 000": a split number
             "000 000 tenge, as noted in №",    # "№ | 5"
             "5 of the minutes signed by A.",   # "A. | Bokeikhanov"
             "Bokeikhanov and many others of",
             "a loose line",                   # 50-odd pt gaps: still one line, not columns
             "the plain end of it all here"]
    pdf = _column_pdf(tmp_path / "pairs.pdf", lines)
    report = measure(pdf, FLUSH)
    assert len(report.split_pairs) == 3
    assert report.body_lines == len(lines)
    assert report.lines == len(lines)  # every line reaches the right edge
    assert report.gap_p95 > 2  # the loose line is measured, not split into "columns"


def test_a_column_shrunk_to_fit_is_reported(tmp_path):
    pdf = _column_pdf(tmp_path / "shrunk.pdf", ["a column whose type was", "scaled down by a",
                                                 "frame that shrinks it"], size=9.2)
    report = measure(pdf, FLUSH)
    assert report.lines == 3 and report.shrunk == ["p1 col 1: 9.20 pt"]


def test_lines_beside_a_drop_cap_are_measured_and_counted(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from tests.conftest import ROOT

    pdfmetrics.registerFont(TTFont("TypoTestSerif", ROOT / "fonts" / "NotoSerif-Regular.ttf"))
    pdfmetrics.registerFont(TTFont("TypoTestSans", ROOT / "fonts" / "NotoSans-Bold.ttf"))
    path = tmp_path / "initial.pdf"
    page = canvas.Canvas(str(path), pagesize=(595, 842))
    page.setFont("TypoTestSans", 45)
    page.drawString(60, 842 - 100 - 26, "W")  # three lines deep
    lines = ["hen the floods came the", "first people to arrive in", "many of the villages were",
             "not the rescue services but the volunteers", "from the neighbouring towns and a"]
    for k, line in enumerate(lines):
        words = line.split()
        left = 60 + (45 if k < 3 else 0)
        widths = [pdfmetrics.stringWidth(w, "TypoTestSerif", 9.5) for w in words]
        gap = (60 + 220 - left - sum(widths)) / (len(words) - 1)
        x = left
        page.setFont("TypoTestSerif", 9.5)
        for word, w in zip(words, widths, strict=True):
            page.drawString(x, 842 - 100 - 13 * k, word)
            x += w + gap
    page.save()
    report = measure(path, FLUSH)
    assert report.lines == 5
    assert report.beside_initials == 3  # the three short lines, not the two below
    assert report.initial_gap_max > 1.0  # "hen the floods came the" is very loose at 175 pt


def test_typo_requires_the_issue_and_refuses_another_issues_pdf(issue_pdf, capsys):
    from layout.checks.typo import main
    from tests.conftest import ROOT

    assert main([str(issue_pdf)]) == 2  # no --issue: the real issue is not assumed
    error = capsys.readouterr().err
    assert error.startswith(f"error: {issue_pdf}") and "--issue DIR" in error
    assert main([str(issue_pdf), "--issue", str(ROOT / "tests" / "issues" / "mixed")]) == 2
    error = capsys.readouterr().err
    assert "was not built from the issue in" in error and "give the issue folder" in error


def test_a_hung_comma_is_full_measure_and_one_hung_further_is_overfull():
    from layout.checks.typo import _columns, tally
    from layout.style.typesetting import house

    def word(text, x0, x1, top):
        chars = [{"text": ch, "x0": x1 - 2.4 * (len(text) - k),
                  "x1": x1 - 2.4 * (len(text) - k - 1)} for k, ch in enumerate(text)]
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9.5, "size": 9.5,
                "fontname": "Serif", "chars": chars}
    comma = 0.7 * 2.4  # the house theme hangs 70 % of a comma
    ends = [300.0, 300.0, 300.0 + comma, 300.0, 300.0 + comma + 1.5, 300.0]
    words = [w for k, end in enumerate(ends) for w in (
        word("word", 100, 150, 100 + 13 * k),
        word("end," if end > 300 else "ends", 160, end, 100 + 13 * k))]
    result = tally({1: _columns(1, words, hangs=house().hangs)})
    assert len(result.gaps) == 6  # every line reaches the edge, the hung one included
    assert result.overfull == ["p1 col 1: word end,"]  # only the one hung past its share
