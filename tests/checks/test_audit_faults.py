"""The prepress audit's 18 faulty files (audit_faults.py: 4-page copies of the real issue,
one fault each, made with pikepdf): each fault is shown with an independent tool, then
preflight must give the verdict a print shop gives, on the right pages, and no check but
the fault's (and its consequences) may complain; the unchanged copy passes every check.
"""

from __future__ import annotations

import pytest

from layout.checks.preflight import CHECKS, preflight
from tests.checks.audit_faults import FAULTS, Fault, copy_of, write
from tests.tools import needs

TOOLS = needs("gs", "pdfinfo", "pdfimages", "pdffonts", "pdftotext", "pdfdetach", "qpdf",
              "mutool")


@TOOLS
def test_the_clean_copy_passes_every_check(issue_pdf, tmp_path):
    clean = tmp_path / "clean.pdf"
    copy_of(issue_pdf).save(clean)
    report = preflight(clean)
    assert {r.name: r.status for r in report.results} == dict.fromkeys(dict(CHECKS), "pass"), \
        report.to_table()


@TOOLS
@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_each_fault_is_found(fault: Fault, issue_pdf, tmp_path):
    pdf = write(fault, issue_pdf, tmp_path)
    fault.evidence(pdf)
    report = preflight(pdf)
    result = report.result(fault.check)
    assert (result.status, result.pages) == (fault.status, fault.pages), report.to_table()
    assert bool(report.failed) == (fault.status == "fail" or "fail" in fault.others.values())
    others = {r.name: r.status for r in report.results if r.name != fault.check}
    assert others == {name: fault.others.get(name, "pass") for name in others}, \
        report.to_table()


@TOOLS
def test_a_flyer_or_a_perfect_bound_job_is_not_held_to_saddle_stitch(issue_pdf, tmp_path):
    six = write(next(f for f in FAULTS if f.name == "six-pages"), issue_pdf, tmp_path)
    assert preflight(six).result("page-count").status == "fail"
    assert preflight(six, binding="perfect").result("page-count").status == "pass"
    assert preflight(six, binding="none").result("page-count").status == "pass"
    five = tmp_path / "five.pdf"
    copy_of(issue_pdf, (1, 2, 3, 4, 5)).save(five)
    perfect = preflight(five, binding="perfect").result("page-count")
    assert perfect.status == "warn" and "last leaf's back is blank" in perfect.message
