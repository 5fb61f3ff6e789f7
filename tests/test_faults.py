"""Faults and hostile input: long words, huge paragraphs, bad fonts, Ctrl-C, races."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from layout.checks.verify import verify
from layout.content import load_issue
from tests.conftest import ISSUE, ROOT, run_cli, write_minimal_issue
from tests.readers import well_formed


def article(body: str, pages: int = 1) -> str:
    return f"---\nkind: feature\ntitle: \"Faults\"\npages: {pages}\n---\n{body}\n"


def small_issue(tmp_path, body: str, pages: int = 1) -> Path:
    extra = {f"f{k}": article("Filler text.") for k in range(3)}
    root = write_minimal_issue(tmp_path / "issue", {"a": article(body, pages), **extra},
                               ["a", *extra])
    if pages > 1:  # keep the total a multiple of 4
        text = (root / "issue.yaml").read_text()
        for k in range(4 - (pages + 3) % 4 if (pages + 3) % 4 else 0):
            (root / "articles" / f"pad{k}.md").write_text(article("Pad."))
            text += f"  - pad{k}\n"
        (root / "issue.yaml").write_text(text)
    return root


def test_long_words_and_urls_break_inside_the_column(tmp_path):
    word = "Supercalifragilistic" * 8
    url = "https://example.org/" + "very-long-path-segment/" * 8 + "index.html"
    root = small_issue(tmp_path, f"A {word} and {url} end here.\n\nNext paragraph.")
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(output) as pdf:
        page = pdf.pages[0]
        body = [c for c in page.chars if 60 < c["top"] < page.height - 70 and c["size"] < 10]
        column_right = max(c["x1"] for c in body if c["x0"] < page.width / 2)
        assert column_right < page.width / 2  # nothing runs into the gutter or the next column
    assert not [r for r in verify(output, load_issue(root)) if r.missing]


def test_a_3000_word_paragraph_flows_over_pages(tmp_path):
    body = " ".join(f"word{k}" for k in range(3000))
    root = small_issue(tmp_path, body, pages=9)
    output = tmp_path / "out.pdf"
    result = run_cli("build", root, "-o", output)
    assert result.exit_code == 0, result.output
    reports = verify(output, load_issue(root))
    assert not [r for r in reports if r.missing]


def theme_with_font(root: Path, face: str) -> None:
    theme = root / "theme.yaml"
    theme.write_text(theme.read_text().replace("regular: NotoSerif-Regular.ttf",
                                               f"regular: {face}"))


def test_missing_font_file(tmp_path):
    root = small_issue(tmp_path, "Text.")
    theme_with_font(root, "NoSuchFont.ttf")
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    assert "theme.yaml:9: font file 'NoSuchFont.ttf' not found" in result.stderr


def test_corrupt_and_opentype_fonts(tmp_path):
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "Broken.ttf").write_bytes(b"\0\1\0\0" + b"garbage" * 100)
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({65: "A"})
    pen = T2CharStringPen(500, None)
    pen.moveTo((0, 0)), pen.lineTo((500, 0)), pen.lineTo((250, 700)), pen.closePath()
    builder.setupCFF("Cff", {"FullName": "Cff"}, {".notdef": pen.getCharString(),
                                                  "A": pen.getCharString()}, {})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "A": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Cff", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(fonts / "Cff.otf"))
    for face, words in (("Broken.ttf", "is not a TrueType font"), ("Cff.otf", "only TrueType")):
        root = small_issue(tmp_path / face, "Text.")
        shutil.copytree(fonts, root / "fonts")
        # a theme may name a font in the issue folder, by absolute path or from fonts/
        theme_with_font(root, str(root / "fonts" / face))
        result = run_cli("build", root, "-o", tmp_path / "out.pdf")
        assert result.exit_code == 2, result.output
        assert "theme.yaml:9: " in result.stderr and face in result.stderr
        assert words in result.stderr


def test_unwritable_output_is_a_clear_error(tmp_path):
    root = small_issue(tmp_path, "Text.")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_cli("build", root, "-o", blocker / "out.pdf")
    assert result.exit_code == 2
    assert "cannot write to this folder" in result.stderr


def layout_command(*args) -> list[str]:
    return [sys.executable, "-m", "layout", *map(str, args)]


def test_the_command_prints_everything_and_sets_its_exit_code(tmp_path):
    """`layout` exits without tearing its objects down: nothing it prints may be lost."""
    root = small_issue(tmp_path, "Text.")
    output = tmp_path / "out" / "small.pdf"
    good = subprocess.run(layout_command("build", root, "-o", output), cwd=ROOT,
                          capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert good.stdout == f"wrote {output}\n" and output.read_bytes().startswith(b"%PDF-")
    bad = subprocess.run(layout_command("build", tmp_path / "nowhere"), cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: ") and "issue.yaml not found" in bad.stderr
    assert "Traceback" not in bad.stderr


def as_at_a_terminal() -> None:
    """Ctrl-C reaches the command as it does a command typed at a terminal.

    The flake's root cause: a suite started as a background job (`make test &`, a CI runner,
    a second `make test` beside the first) runs with SIGINT ignored — POSIX shells ignore it
    in asynchronous commands — and every child inherits that, so the proof ignored the
    interrupt, ran to its end and exited 1 (the 8x issue is overset).
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_leaves_the_previous_pdf_and_no_temporary_files(tmp_path):
    """Ctrl-C while the articles are being composed: the proof stops at once (its workers
    too, not after composing every article queued), exit 130, the previous PDF intact."""
    from layout.bench import synthetic_issue

    issue = tmp_path / "big"
    synthetic_issue(ISSUE, issue, 8)  # a proof that runs well past the interrupt
    output = tmp_path / "out" / "proof.pdf"
    output.parent.mkdir()
    output.write_bytes(b"%PDF- the previous proof /Creator (ADALAZAMAT layout)")
    process = subprocess.Popen(layout_command("proof", issue, "-o", output, "--no-cache"),
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=as_at_a_terminal)
    deadline = time.monotonic() + 60  # however loaded the machine: once it composes
    while len(workers := descendants(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(workers) >= 2, "the proof started no workers"
    interrupted = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    stopped = time.monotonic() - interrupted
    assert process.returncode == 130, stderr.decode()
    assert "interrupted" in stderr.decode() and "Traceback" not in stderr.decode()
    assert stopped < 10  # the 8x issue takes about a minute to compose
    deadline = time.monotonic() + 10  # its workers are stopped too, not left to finish
    while any(running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if running(w)]
    assert output.read_bytes() == b"%PDF- the previous proof /Creator (ADALAZAMAT layout)"
    assert sorted(p.name for p in output.parent.iterdir()) == ["proof.pdf"]


INTERRUPT_WHILE_IMPORTING = """
import os, signal, sys
class Interrupt:  # Ctrl-C just as the command imports what it needs (a loaded machine)
    def find_spec(self, name, path=None, target=None):
        if name == "layout.build":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Interrupt())
sys.argv = ["layout", *sys.argv[1:]]
from layout.cli import entry
entry()
"""


@pytest.mark.parametrize("command", ["build", "proof"])
def test_ctrl_c_while_starting_is_interrupted_too(tmp_path, command):
    """The flake's root cause: Ctrl-C landing in the command's imports, before any work, was
    click's 'Aborted!' and exit 1 (on a loaded machine imports take over a second)."""
    output = tmp_path / "out.pdf"
    result = subprocess.run([sys.executable, "-c", INTERRUPT_WHILE_IMPORTING, command,
                             str(ISSUE), "-o", str(output)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, preexec_fn=as_at_a_terminal)
    assert result.returncode == 130, result.stderr
    assert "interrupted: nothing written" in result.stderr
    assert "Aborted" not in result.stderr and "Traceback" not in result.stderr
    assert not output.exists()


def descendants(pid: int) -> set[tuple[int, str]]:
    """(pid, start time) of every process below pid, from /proc."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                found.add((child, _start_time(child)))
                todo.append(child)
    return found


def _start_time(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def running(process: tuple[int, str]) -> bool:
    """Whether that very process still runs (a zombie waiting to be reaped does not)."""
    pid, started = process
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and _start_time(pid) == started


@pytest.mark.skipif(not Path("/proc/self/task").is_dir() or (os.cpu_count() or 1) < 2,
                    reason="needs Linux /proc and two cores (for worker processes)")
@pytest.mark.parametrize("signal_", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_a_killed_build_leaves_no_worker_running(tmp_path, signal_):
    from layout.bench import synthetic_issue

    issue = tmp_path / "big"
    synthetic_issue(ISSUE, issue, 2)  # 38 articles: workers busy for seconds
    process = subprocess.Popen(layout_command("proof", issue, "-o", tmp_path / "p.pdf",
                                              "--no-cache"), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(workers := descendants(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(workers) >= 2, "the build started no workers"
    process.send_signal(signal_)
    # SIGTERM stops it as Ctrl-C does (its temporary files removed); SIGKILL cannot be caught
    assert process.wait(timeout=30) == (130 if signal_ == signal.SIGTERM else -signal_)
    deadline = time.monotonic() + 10
    while any(running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if running(w)]


def test_two_builds_at_once_leave_one_whole_pdf(tmp_path, issue_pdf):
    output = tmp_path / "same.pdf"
    runs = [subprocess.Popen(layout_command("build", ISSUE, "-o", output, "--no-cache"),
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(2)]
    assert [p.wait(timeout=120) for p in runs] == [0, 0]
    assert well_formed(output) == []
    assert output.read_bytes() == issue_pdf.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


def test_watch_rebuilds_on_every_change_and_survives_bad_input(tmp_path):
    """`layout watch`: a proof per change; bad input is reported and the watcher goes on."""
    root = small_issue(tmp_path, "An opening paragraph.\n\nThe first version.")
    output = tmp_path / "out" / "proof.pdf"
    article = root / "articles" / "a.md"
    command = layout_command("watch", root, "-o", output, "--builds", "3")
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:

        def next_report() -> str:
            while True:
                ready, _, _ = select.select([process.stdout], [], [], 60)
                assert ready, "the watcher said nothing for a minute"
                line = process.stdout.readline()
                assert line, process.stderr.read()
                if line.startswith("["):
                    return line

        try:
            assert "wrote" in next_report()
            assert "The first version." in PdfReader(output).pages[0].extract_text()
            article.write_text(article.read_text().replace("title:", "titel:"))
            assert "unknown front-matter key 'titel'" in next_report()
            article.write_text(article.read_text().replace("titel:", "title:")
                               .replace("The first version.", "The second version."))
            changed = time.time()
            assert "wrote" in next_report()
            assert process.wait(timeout=60) == 0
        finally:
            process.kill()
    assert "The second version." in PdfReader(output).pages[0].extract_text()
    previews = output.parent / "preview"  # the contact sheet follows every rebuild too
    assert previews.joinpath("contact.png").stat().st_mtime >= changed
    assert len(list(previews.glob("page-*.png"))) == 4


def test_sigterm_in_a_handoff_says_what_was_written_and_keeps_the_last_handoff(tmp_path):
    """`kill` while the sheets are imposed: the previous hand-off is left whole, no staging
    folder stays, and the message says what is true — the PDF was built, nothing handed off
    (it said "no PDF written")."""
    from layout.handoff import STAGING_MARK

    issue = small_issue(tmp_path, "Text of the hand-off.")
    folder = tmp_path / "drop"
    assert run_cli("handoff", issue, "-o", folder).exit_code == 0  # the previous one
    pdf = tmp_path / "testmag-2024-09.pdf"  # the issue's PDF, beside the folder
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    process = subprocess.Popen(layout_command("handoff", issue, "-o", folder), cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(f".drop.staging-*/{STAGING_MARK}")):  # assembling now
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
        time.sleep(0.01)
    process.terminate()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert f"interrupted: nothing handed off ({folder} left as it was); the issue's PDF " \
        f"{pdf} was built" in stderr, stderr
    assert "no PDF written" not in stderr and "Traceback" not in stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["issue", "drop", pdf.name, *(p.name for p in tmp_path.glob("build"))])
