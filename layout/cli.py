"""The `layout` command line: parse options, call one function, print, set the exit code."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click

from layout.errors import Interrupted, IssueError

# A build makes millions of small objects that live until its PDF is written; collecting
# every 700 allocations (Python's default) scans them again and again: 5-10 % of a build
gc.set_threshold(50_000, 20, 20)


class Progress:
    """A progress bar on a terminal once work takes over a second; silent otherwise."""

    def __init__(self, label: str):
        self.label, self.bar, self.started = label, None, 0.0

    def __enter__(self):
        import time

        self.started = time.monotonic()
        return self

    def __call__(self, done: int, total: int) -> None:
        import time

        if self.bar is None:
            if not sys.stderr.isatty() or time.monotonic() - self.started < 1.0:
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
            self.bar.update(done)
        else:
            self.bar.update(1)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


def output_file(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """An -o file name as a path: one ending in '/' names a folder and is refused (it would
    become a file of that name), as is one too long for the file system."""
    if value is None:
        return None
    from layout.outputs import check_name, output_name

    try:
        path = output_name(value)
        check_name(path)
    except IssueError as err:
        raise click.BadParameter(f"{err.message} — {err.hint}") from None
    return path


@click.group()
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """ADALAZAMAT layout: turn an issue folder into a print-ready PDF."""
    ctx.obj = {"debug": debug}


def entry() -> None:
    """The `layout` command: run it, flush the output, and leave at once.

    A build leaves millions of objects behind, and the interpreter would free them one by
    one before exiting: 30-60 ms of every rebuild. Like mypy, skip that teardown; every
    file is written and closed by then (writes are atomic) and no atexit work remains.
    Ctrl-C is "interrupted" and exit 130 wherever it lands — also while the command is
    still importing what it needs, before `run` is reached (click would say "Aborted!"
    and exit 1). SIGTERM (`kill`, a CI job cancelled) stops a command as Ctrl-C does: its
    temporary files are removed on the way out, the previous outputs are left whole.
    """
    import signal

    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminated)
    try:
        returned = main(standalone_mode=False)  # --help and the like return their exit code
        code = returned if isinstance(returned, int) else 0
    except click.exceptions.Abort:
        click.echo("interrupted: nothing written", err=True)
        code = 130
    except KeyboardInterrupt:
        click.echo("interrupted: nothing written", err=True)
        code = 130
    except click.ClickException as err:  # a usage error: click's own message and code
        err.show()
        code = err.exit_code
    except SystemExit as done:
        code = done.code
    if not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`layout … | head`)
            pass
    os._exit(code)


def _terminated(*_) -> None:
    raise KeyboardInterrupt


def run(ctx: click.Context, action):
    """Call action; turn input errors into `path:line: message` and an exit code."""
    try:
        return action()
    except IssueError as err:
        if ctx.obj.get("debug"):
            raise
        click.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt as stop:
        done = stop.done if isinstance(stop, Interrupted) else "nothing written"
        click.echo(f"interrupted: {done}", err=True)
        sys.exit(130)
    except Exception as err:  # a bug of ours: say so plainly, traceback only with --debug
        if ctx.obj.get("debug"):
            raise
        click.echo(f"internal error: {type(err).__name__}: {err} — nothing was written; "
                   "run with --debug for the traceback and report it", err=True)
        sys.exit(1)


@main.command()
@click.argument("issue", default="issue", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(), callback=output_file, help="PDF to write.")
@click.option("--marks", is_flag=True, help="Add crop and registration marks and a slug line.")
@click.option("--no-cache", is_flag=True, help="Compose every article anew; write no cache.")
@click.option("--edition", type=click.Choice(["print", "screen"]), default="print",
              show_default=True,
              help="print: the PDF/X-4 for the press; screen: the tagged PDF/UA-1 for screens "
                   "(<stem>-screen.pdf: trimmed, sRGB, bookmarks, links).")
@click.pass_context
def build(ctx: click.Context, issue: Path, output: Path | None, marks: bool,
          no_cache: bool, edition: str) -> None:
    """Build the issue's PDF (default: build/<magazine>-<year>-<nn>/<magazine>-<year>-<nn>.pdf)."""
    from layout.build import build as build_issue

    if marks and edition == "screen":
        raise click.UsageError("--marks is for the print edition: a screen page has no marks")
    warnings: list[str] = []
    with Progress("composing articles") as progress:
        path = run(ctx, lambda: build_issue(issue, output, marks=marks, warnings=warnings,
                                            use_cache=not no_cache, progress=progress,
                                            edition=edition))
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {path}")


@main.command()
@click.argument("pdf", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("issue", default="issue", type=click.Path(path_type=Path))
@click.pass_context
def verify(ctx: click.Context, pdf: Path, issue: Path) -> None:
    """Nothing lost: every character of ISSUE is in PDF as typed, in order — and prints:
    a sample of pages is rendered, and a letter whose glyph draws no ink is named.

    A PDF of another issue (its issue line says so) is refused: give its own folder.
    """
    from layout.checks.ink_sample import blank_characters
    from layout.checks.verify import check_same_issue
    from layout.checks.verify import verify as verify_pdf
    from layout.content import load_issue

    def action():
        model = load_issue(issue)
        check_same_issue(pdf, model)
        return verify_pdf(pdf, model), blank_characters(pdf)

    reports, blanks = run(ctx, action)
    expected = sum(r.expected for r in reports)
    wrong = [r for r in reports if r.differences]
    for report in wrong:
        for difference in report.differences[:8]:
            click.echo(f"{report.slug}: {difference}")
        if len(report.differences) > 8:
            click.echo(f"{report.slug}: … and {len(report.differences) - 8} more")
    if wrong:
        click.echo(f"{sum(len(r.differences) for r in wrong)} difference(s) in {len(wrong)} "
                   f"article(s) between the source and {pdf}")
    elif not blanks:
        click.echo(f"all {expected} characters of {len(reports)} articles found as typed, in "
                   f"order, in {pdf}")
    for blank in blanks:
        click.echo(str(blank))
    if blanks:
        click.echo(f"{len(blanks)} character(s) read back as typed but print no ink in {pdf}")
    sys.exit(1 if wrong or blanks else 0)


@main.command("check-screen")
@click.argument("pdf", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("issue", default="issue", type=click.Path(path_type=Path))
@click.option("--aloud", "aloud", type=click.IntRange(1), metavar="PAGE",
              help="Only print what a screen reader reads on this page, in structure order.")
@click.pass_context
def check_screen(ctx: click.Context, pdf: Path, issue: Path, aloud: int | None) -> None:
    """Is the screen edition PDF of ISSUE accessible (PDF/UA-1), and does it read as typed?

    Runs page-validation (PDF/UA-1) and outloud (--fail-on error), then our own checks:
    parent tree complete, furniture an artifact, the text in structure order as typed,
    every figure with alt text, bookmarks equal to the headings. Exit 1 if any fails.
    """
    from layout.checks.screen import check_screen as check
    from layout.checks.screen import read_aloud

    if aloud is not None:
        for line in run(ctx, lambda: read_aloud(pdf, aloud)):
            click.echo(line)
        return
    report = run(ctx, lambda: check(pdf, issue))
    for checker in report.checkers:
        click.echo(f"== {checker.name}: {'pass' if checker.passed else 'FAIL'}")
        click.echo(checker.output)
    click.echo(f"== our checks: {'pass' if not report.findings else 'FAIL'}")
    for finding in report.findings[:40]:
        click.echo(f"  {finding}")
    if len(report.findings) > 40:
        click.echo(f"  … and {len(report.findings) - 40} more")
    click.echo(f"{pdf}: {'passes' if report.passed else 'does NOT pass'} the screen checks")
    sys.exit(0 if report.passed else 1)


CREEP = click.option("--creep", "creep_mm", type=click.FloatRange(0, 1), default=0.0,
                     show_default=True, metavar="MM",
                     help="Saddle-stitch creep: the innermost sheet's pages move this many mm "
                          "towards the spine, the sheets between by their share.")
GRIPPER = click.option("--gripper", "gripper_mm", type=click.FloatRange(0, 30), default=None,
                       metavar="MM", help="Gripper margin on the foot of the press sheet: "
                       "nothing prints there, the pages move away from it [default: the "
                       "theme's imposition.gripper, 12 mm].")


@main.command()
@click.argument("pdf", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(), callback=output_file,
              help="Imposed PDF to write.")
@click.option("--sheet", type=click.Choice(["SRA3", "A3"], case_sensitive=False), default="SRA3",
              show_default=True, help="Press sheet for printer spreads.")
@click.option("--reader", is_flag=True, help="Reader spreads (2-3, 4-5 …) for proofing on screen.")
@CREEP
@GRIPPER
@click.pass_context
def impose(ctx: click.Context, pdf: Path, output: Path | None, sheet: str, reader: bool,
           creep_mm: float, gripper_mm: float | None) -> None:
    """Impose PDF two-up: saddle-stitch printer sheets (PDF/X-4, gripper margin, crop marks,
    register targets, labels, colour bar), or reader spreads."""
    from layout.press.impose import GRIPPER as HOUSE_GRIPPER
    from layout.press.impose import impose as impose_pdf

    kind = "spreads" if reader else sheet.lower()
    target = output or pdf.with_name(f"{pdf.stem}-{kind}.pdf")
    notes: list[str] = []

    def action():
        try:
            return impose_pdf(pdf, target, sheet=sheet, reader=reader, creep_mm=creep_mm,
                              gripper_mm=HOUSE_GRIPPER if gripper_mm is None else gripper_mm,
                              notes=notes)
        except ValueError as err:
            raise IssueError(pdf, None, str(err), "impose a PDF built by 'layout build'") from None

    count = run(ctx, action)
    click.echo(f"wrote {target} ({count} pages)")
    for note in notes:
        click.echo(f"note: {note}", err=True)
    if not reader and sheet.upper() == "A3":
        click.echo("note: A3 leaves no room for bleed, marks or sheet labels: a proof, not "
                   "plates (use SRA3)", err=True)


@main.command()
@click.argument("issue", default="issue", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Folder to write (default build/<magazine>-<year>-<nn>/handoff); the built "
                   "PDF goes beside it.")
@click.option("--sheet", type=click.Choice(["SRA3", "A3"], case_sensitive=False), default="SRA3",
              show_default=True, help="Press sheet of the imposed file.")
@click.option("--creep", "creep_mm", type=click.FloatRange(0, 1), default=None, metavar="MM",
              help="Saddle-stitch creep of the innermost sheet [default: from the thickness "
                   "of the papers in issue.yaml's print: block, else 0].")
@GRIPPER
@click.pass_context
def handoff(ctx: click.Context, issue: Path, output: Path | None, sheet: str,
            creep_mm: float | None, gripper_mm: float | None) -> None:
    """One folder for the printer: the PDF/X-4, imposed sheets, preflight report, job ticket
    with issue.yaml's print: block (written only when verify finds every character as typed
    and every preflight check passes; each thing a shop needs that print: leaves out is a
    warning)."""
    from layout.handoff import handoff as make_handoff

    warnings: list[str] = []
    # the PDF: beside the folder, or in the issue's build folder
    build_dir = Path(os.path.abspath(output)).parent if output else None
    result = run(ctx, lambda: make_handoff(issue, output, sheet, creep_mm, warnings, build_dir,
                                           gripper_mm))
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if result.failed:
        if result.lost:
            click.echo(f"{result.files[0]}: verify failed — the text is not as typed:")
            for line in result.lost[:20]:
                click.echo(f"  {line}")
            if len(result.lost) > 20:
                click.echo(f"  … and {len(result.lost) - 20} more (layout verify lists them)")
        for report in result.reports:
            if report.failed:
                click.echo(f"{report.pdf.name}: preflight failed\n{report.to_table()}")
        click.echo(f"nothing written to {result.folder}: fix what failed and run again")
        sys.exit(1)
    click.echo(f"wrote {result.folder}/ for the printer:")
    for path in result.files:
        click.echo(f"  {path.name}")


def proof_options(command):
    """ISSUE, --only, -o and --round: what `proof` and `watch` both take."""
    for option in reversed([
        click.argument("issue", default="issue", type=click.Path(path_type=Path)),
        click.option("--only", metavar="SLUG", help="Proof only this article, on its own pages."),
        click.option("-o", "--output", type=click.Path(), callback=output_file,
                     help="Proof PDF to write."),
        click.option("--round", "round_number", type=click.IntRange(1),
                     help="Proof round, printed in the slug and kept as proofs/round-N.pdf "
                          "[default: the working round: the latest not sent, or the next]."),
    ]):
        command = option(command)
    return command


TONES = {"alert": {"fg": "red", "bold": True}, "quiet": {"dim": True}, "plain": {}}


def echo_report(report, quiet: bool = False) -> None:
    """The fit report: red for what stops the build, dim for the rest (plain off a terminal)."""
    colour = False if os.environ.get("NO_COLOR") else None  # None: click decides (a tty?)
    for tone, text in report.lines(quiet):
        click.echo(click.style(text, **TONES[tone]), color=colour)


@main.command()
@proof_options
@click.option("-q", "--quiet", is_flag=True,
              help="Only what stops the build (overset, page count, pictures) and the count.")
@click.option("--no-preview", is_flag=True, help="Write no page previews or contact sheet.")
@click.option("--no-cache", is_flag=True, help="Compose every article anew; write no cache.")
@click.option("--send", is_flag=True,
              help="Mark this round as sent to the authors: it is kept as it is, and the next "
                   "proof starts the next round.")
@click.pass_context
def proof(ctx: click.Context, issue: Path, only: str | None, output: Path | None,
          round_number: int | None, quiet: bool, no_preview: bool, no_cache: bool,
          send: bool) -> None:
    """Proof PDF with overset text on pages marked OVERSET, and the fit report.

    A whole-issue proof updates the working round (build/<issue>/proofs/round-N.pdf); a
    round once sent (--send, or the desk's button) is never written again.
    Exits 1 while `make pdf` would refuse the issue (overset text, a page count that is
    not a multiple of 4, a picture too coarse or not there yet).
    """
    from layout.build import proof as make_proof
    from layout.checks.previews import write_previews

    warnings: list[str] = []
    with Progress("composing articles") as progress:
        if send and only:
            raise click.UsageError("--send sends a whole round: leave out --only")
        result = run(ctx, lambda: make_proof(issue, output, only, round_number, warnings,
                                             not no_cache, progress, send=send))
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    echo_report(result.fit_report, quiet)
    written = [result.pdf, result.report]
    if result.round_pdf:
        written.insert(1, result.round_pdf)
    if not only and not no_preview:
        written.append(run(ctx, lambda: write_previews(result.pdf, result.pdf.parent / "preview",
                                                       checked=False))[-1])
    click.echo("wrote " + ", ".join(str(path) for path in written))
    if result.round_pdf:
        click.echo(f"{result.round_state}: {result.round_pdf}"
                   + (" is kept as sent; the next proof starts the next round" if send else
                      " (the next proof updates it; 'layout proof --send' marks it sent)"))
    sys.exit(1 if result.fit_report.refused else 0)


@main.command()
@proof_options
@click.option("--builds", type=click.IntRange(1), hidden=True, help="Stop after this many.")
def watch(issue: Path, only: str | None, output: Path | None, round_number: int | None,
          builds: int | None) -> None:
    """Rebuild the proof, its previews and contact sheet whenever a file of ISSUE changes."""
    from layout.build import FONTS_DIR
    from layout.watch import proof_and_previews
    from layout.watch import watch as watch_issue

    click.echo(f"watching {issue} and the fonts; every change rebuilds the proof (Ctrl-C stops)")
    try:
        outputs = output.parent if output else issue.absolute().parent / "build"
        watch_issue(issue, FONTS_DIR, outputs,
                    lambda check: proof_and_previews(issue, output, only, round_number,
                                                     check=check),
                    builds=builds, echo=click.echo)
    except KeyboardInterrupt:
        click.echo("stopped watching")


@main.command()
@click.argument("pdf", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Folder for the PNGs and contact.png [default: preview/ beside PDF].")
@click.pass_context
def preview(ctx: click.Context, pdf: Path, output: Path | None) -> None:
    """PNG previews of every page and a contact sheet of all spreads."""
    from layout.checks.previews import write_previews

    written = run(ctx, lambda: write_previews(pdf, output or pdf.parent / "preview"))
    click.echo(f"wrote {len(written) - 1} page previews and {written[-1]}")


@main.command()
@click.argument("old", required=False,
                type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("new", required=False,
                type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--issue", type=click.Path(path_type=Path), default=Path("issue"),
              show_default=True, help="The issue whose last two proof rounds to compare.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Folder for an image per changed spread [default: diff/ in the issue's "
                   "build folder].")
@click.option("--proofs", type=click.Path(path_type=Path),
              help="Where proof rounds are kept [default: the issue's build/<issue>/proofs].")
@click.option("--any-issues", is_flag=True,
              help="Compare PDFs of two different issues (refused otherwise).")
@click.pass_context
def diff(ctx: click.Context, old: Path | None, new: Path | None, issue: Path,
         output: Path | None, proofs: Path | None, any_issues: bool) -> None:
    """Which pages changed between two builds, with the changed regions outlined.

    Without OLD and NEW: the last two proof rounds of ISSUE (--issue, default issue/).
    """
    from layout.checks.diff import diff as diff_pdfs

    if (old is None) != (new is None):
        raise click.UsageError("give both OLD and NEW, or neither (the last two proof rounds)")
    if old is None:
        def rounds_folder() -> Path:
            from layout.content import read_masthead
            from layout.files import issue_outputs

            return proofs or issue_outputs(issue, read_masthead(issue).file_stem) / "proofs"

        from layout.rounds import Rounds

        folder = run(ctx, rounds_folder)
        old, new = run(ctx, lambda: Rounds(folder).last_two())
        output = output or folder.parent / "diff"
        click.echo(f"comparing {old} (OLD) with {new} (NEW)")
    # beside the newer PDF: in its issue's folder (a round's: the folder above proofs/)
    home = new.parent.parent if new.parent.name == "proofs" else new.parent
    result = run(ctx, lambda: diff_pdfs(old, new, output or home / "diff", any_issues))
    click.echo(result.summary())
    for image in result.images:
        click.echo(f"  {image}")


@main.command()
@click.argument("pdf", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--safe", "safe_mm", type=float, default=5.0, show_default=True,
              help="Safe area: mm inside the trim that text must keep.")
@click.option("--binding", type=click.Choice(["saddle-stitch", "perfect", "none"]),
              default="saddle-stitch", show_default=True,
              help="What the page count must suit: saddle stitch (a multiple of 4), perfect "
                   "binding (even), none (a flyer, loose sheets: any count).")
@click.pass_context
def preflight(ctx: click.Context, pdf: Path, as_json: bool, safe_mm: float,
              binding: str) -> None:
    """Printer's preflight: boxes, bleed, pages, rotation, fonts, subsets and glyphs,
    ToUnicode, colour and spot colours, overprint (black and white), rich black, small type,
    registration, images and their depth, ink, transparency, hairlines, PDF/X-4 keys, content
    and version, XMP, embedded files, encryption, actions, layers, annotations
    (docs/preflight.md)."""
    from layout.checks.preflight import preflight as check_pdf

    report = run(ctx, lambda: check_pdf(pdf, safe_mm=safe_mm, binding=binding))
    click.echo(report.to_json() if as_json else report.to_table())
    sys.exit(1 if report.failed else 0)


@main.command()
@click.argument("issue", default="issue", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to serve on (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on; the default lets only this computer in.")
@click.option("--allow-network", is_flag=True,
              help="Allow a --host other computers can reach (every request then needs the "
                   "token in the address printed).")
@click.option("-o", "--output", type=click.Path(), callback=output_file,
              help="Proof PDF to write.")
@click.pass_context
def serve(ctx: click.Context, issue: Path, port: int, host: str, allow_network: bool,
          output: Path | None) -> None:
    """The proofing desk in a browser: spreads, fits, the current error, pages at reading
    size — rebuilt on every saved change, the open page updated by itself (Ctrl-C stops)."""
    from layout.build import FONTS_DIR
    from layout.serve.desk import serve as serve_desk

    def action() -> None:
        try:
            serve_desk(issue, host, port, output, FONTS_DIR, click.echo, allow_network)
        except KeyboardInterrupt:  # Ctrl-C or `kill`: the web process has been stopped too
            click.echo("stopped serving")

    run(ctx, action)


@main.command()
@click.argument("issue_dir", type=click.Path(path_type=Path))
@click.option("--article", metavar="SLUG", help="Add one article to an existing issue.")
@click.option("--kind", default="feature", show_default=True,
              help="The new article's kind (letter, news, feature, interview, profile, "
                   "voxpop, column).")
@click.option("--year", type=int, help="Year of a new issue [default: this year].")
@click.option("--number", type=click.IntRange(1), default=1, show_default=True,
              help="Number of a new issue in its year.")
@click.pass_context
def new(ctx: click.Context, issue_dir: Path, article: str | None, kind: str,
        year: int | None, number: int) -> None:
    """Start a new issue in ISSUE_DIR (one article of every kind; it builds as it is), or
    add an article to one with --article SLUG --kind KIND (and to its flatplan)."""
    from layout.new import kind_problem, new_article, new_issue, page_count_note

    if article:
        problem = kind_problem(kind)
        if problem:
            raise click.BadParameter(" — ".join(problem), param_hint="'--kind'")
        path, line = run(ctx, lambda: new_article(issue_dir, article, kind))
        click.echo(f"wrote {path} and added '{article}' to the flatplan "
                   f"({issue_dir / 'issue.yaml'}:{line})")
        note = page_count_note(issue_dir, article)
        if note:
            click.echo(f"warning: {note}", err=True)
        click.echo(f"next: write its text, then proof it: layout proof {issue_dir} "
                   f"--only {article}")
        return
    written = run(ctx, lambda: new_issue(issue_dir, year, number))
    click.echo(f"wrote {len(written)} files in {issue_dir}/:")
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"next: layout proof {issue_dir}   (or: make proof ISSUE={issue_dir})")


@main.command()
@click.argument("issue", default="issue", type=click.Path(path_type=Path))
@click.pass_context
def plan(ctx: click.Context, issue: Path) -> None:
    """Each article's natural length (to a quarter page) beside its allotment, and proposed
    allotments with the least empty space that make a multiple of 4 pages."""
    from layout.plan import natural_lengths, report

    model, rows = run(ctx, lambda: natural_lengths(issue))
    for line in report(model, rows):
        click.echo(line)


@main.command()
@click.argument("issue", default="issue", type=click.Path(path_type=Path))
@click.option("--proof", "of_proof", is_flag=True, help="The proof's PDF rather than the build's.")
@click.pass_context
def output(ctx: click.Context, issue: Path, of_proof: bool) -> None:
    """Print the PDF that `layout build` (or `proof`) of ISSUE writes by default (for make)."""
    from layout.content import read_masthead
    from layout.files import default_pdf

    click.echo(run(ctx, lambda: str(default_pdf(issue, read_masthead(issue).file_stem,
                                                of_proof))))

