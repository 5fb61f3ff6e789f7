"""`make bench`: how long editors wait, measured as medians of repeated runs.

Each measurement runs the real command line in a fresh process (startup included) and
reports median, min and max wall time, the peak memory of the process and the machine's
load average as it ran. The floor is a plain ReportLab script that flows the same text in
the same fonts and columns with none of our features; every row is also given as a ratio
to it. The desk (`layout serve`) is timed in Debian's chromium: from a save to the changed
page's new picture on screen, and for the second of two saves 1 s apart.

`BENCH_BEFORE=DIR` (a checkout of other code, e.g. `git archive main | tar -x -C DIR`)
measures that code beside this one, row by row in the same run (same machine, same load):
the table gives before → after. `BENCH_ROWS=cold,word,…` measures only those rows;
`BENCH_RUNS` sets the runs per row (5).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYOUT = [sys.executable, "-m", "layout"]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


ENV: dict[str, str] = {}  # the environment of the code measured (PYTHONPATH for 'before')


def timed(command: list[str], cwd: Path | None = None, ok: tuple[int, ...] = (0,)
          ) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (MB) of one run of a command (exit code in ok)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env={**os.environ, **ENV})
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def series(label: str, runs: list[tuple[float, int]]) -> dict:
    times = [t for t, _ in runs]
    row = {"label": label, "median": statistics.median(times), "min": min(times),
           "max": max(times), "memory": max(m for _, m in runs), "load": os.getloadavg()[0]}
    side = "before" if ENV else "after"
    print(f"{side:6} {label:44} median {row['median']:6.2f} s   min {row['min']:6.2f}   "
          f"max {row['max']:6.2f}   peak {row['memory']:4d} MB   load {row['load']:.1f}",
          flush=True)
    return row


def synthetic_issue(source: Path, target: Path, factor: int) -> None:
    """An issue with every article repeated `factor` times (its page count is no multiple of
    4: its proof says so and exits 1)."""
    shutil.copytree(source, target)
    plan = (target / "issue.yaml").read_text().split("flatplan:")[0] + "flatplan:\n"
    slugs = re.findall(r"^  - (\S+)$", (source / "issue.yaml").read_text(), re.M)
    for slug in slugs:
        if slug in ("cover", "contents"):
            plan += f"  - {slug}\n"
            continue
        text = (target / "articles" / f"{slug}.md").read_text()
        (target / "articles" / f"{slug}.md").unlink()
        for copy in range(factor):
            (target / "articles" / f"{slug}-{copy}.md").write_text(text)
            plan += f"  - {slug}-{copy}\n"
    (target / "issue.yaml").write_text(plan)
    cover = target / "articles" / "cover.md"
    cover.write_text(re.sub(r"article: ([\w-]+)", r"article: \1-0", cover.read_text()))


def change_one_word(article: Path, run: int) -> None:
    """Bureau -> Agency on even runs, back on odd ones: every run is a real change (the cache
    keeps one state per article, so the text of two runs ago is composed anew too)."""
    words = ("The Bureau", "The Agency")
    text = article.read_text()
    if words[run % 2] not in text:  # an odd number of changes before: go on from there
        run += 1
    article.write_text(text.replace(words[run % 2], words[(run + 1) % 2], 1))


def watched(issue: Path, article: Path, output: Path) -> list:
    """`layout watch`'s own timing of each rebuild (from the change being seen to the PDF
    written), after a one-word change each time; memory is the watcher's."""
    command = [*LAYOUT, "watch", str(issue), "-o", str(output), "--builds", str(RUNS + 1)]
    runs = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                          env={**os.environ, **ENV}) as process:
        reports = (line for line in process.stdout if line.startswith("["))
        next(reports)  # the first build
        for k in range(RUNS):
            time.sleep(0.5)  # the previews of the proof before are being drawn meanwhile
            change_one_word(article, k)
            report = next(reports)
            if "wrote" not in report:
                raise SystemExit(f"bench: layout watch: {report}")
            runs.append(float(re.search(r"\(([\d.]+) s\)", report).group(1)))
        _, status, usage = os.wait4(process.pid, 0)
    return [(t, usage.ru_maxrss // 1024) for t in runs]


def extreme_issue(source: Path, target: Path, body: str) -> None:
    """An issue of one article with `body` as its text (`pages: auto`)."""
    (target / "articles").mkdir(parents=True)
    shutil.copy(source / "theme.yaml", target / "theme.yaml")
    head = (source / "issue.yaml").read_text().split("flatplan:")[0]
    (target / "issue.yaml").write_text(head + "flatplan:\n  - extreme\n")
    (target / "articles" / "extreme.md").write_text(
        f"---\nkind: feature\ntitle: \"Extreme\"\npages: auto\n---\n{body}\n")


def long_paragraph(words: int) -> str:
    """One paragraph of so many words, drawn from the issue's vocabulary."""
    vocabulary = ("civil society organisations strengthen democratic institutions and "
                  "independent monitoring of governmental decisions encourages accountability "
                  "in the regions of Kazakhstan").split()
    return " ".join(vocabulary[(k * 7 + k // 13) % len(vocabulary)] for k in range(words)) + "."


FLOOR = '''
import re, sys
from pathlib import Path
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from xml.sax.saxutils import escape
fonts, issue, out = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
pdfmetrics.registerFont(TTFont("Serif", str(fonts / "NotoSerif-Regular.ttf")))
style = ParagraphStyle("body", fontName="Serif", fontSize=9.5, leading=13, alignment=TA_JUSTIFY,
                       hyphenationLang="en_GB", allowWidows=0, allowOrphans=0)
W, H = 210 * mm, 297 * mm
gutter, width = 5 * mm, (210 - 33) * mm
col = (width - gutter) / 2
frames = [Frame(18 * mm + k * (col + gutter), 22 * mm, col, 255 * mm, id=str(k), leftPadding=0,
                rightPadding=0, topPadding=0, bottomPadding=0) for k in (0, 1)]
doc = BaseDocTemplate(out, pagesize=(W, H), invariant=1, initialFontName="Serif")
doc.addPageTemplates([PageTemplate("p", frames)])
story = []
for md in sorted((issue / "articles").glob("*.md")):
    body = md.read_text().split("---", 2)[-1]
    for para in re.split(r"\\n\\s*\\n", body):
        para = para.strip()
        if para and not para.startswith(":::"):
            story.append(Paragraph(escape(" ".join(para.split())), style))
doc.build(story)
'''


SHOWN = """() => {
  const image = document.getElementById("page-view");
  window.benchShown = [];
  new MutationObserver(() => window.benchShown.push(
    { at: Date.now(), built: document.body.dataset.built })).observe(
    image, { attributes: true, attributeFilter: ["src"] });
}"""


def served(issue: Path, article: Path, output: Path) -> tuple[list, list]:
    """`layout serve` in Debian's chromium: for a one-word save, the time from the save to
    the changed page's new picture on screen (the page viewer showing the article's first
    page); then the second of two saves 1 s apart, timed from the second save. Memory is
    the watcher's. Empty lists when chromium or playwright is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [], []
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return [], []
    command = [*LAYOUT, "serve", str(issue), "--port", "0", "-o", str(output)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, **ENV})
    single, double = [], []
    try:
        url = re.search(r"at (http://\S+) ", process.stdout.readline()).group(1)
        lines = _reports(process)
        next(lines)  # the first proof
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=chromium, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1400, "height": 950})
            page.goto(url)
            page.wait_for_selector("#flatplan .page[data-page]")
            page.locator(f".page:has(.slug:text-is('{article.stem}'))").first.click()
            page.wait_for_function("window.deskSettled()")
            page.evaluate(SHOWN)
            for k in range(RUNS):
                time.sleep(1.0)
                saved = time.time()
                change_one_word(article, 2 * k)
                single.append(_on_screen(page, lines, saved))
                time.sleep(1.0)
                change_one_word(article, 2 * k + 1)
                time.sleep(1.0)
                saved = time.time()
                change_one_word(article, 2 * k)
                double.append(_on_screen(page, lines, saved))
                change_one_word(article, 2 * k + 1)  # back as it was
                _on_screen(page, lines, time.time())
            browser.close()
    finally:
        process.terminate()
        _, status, usage = os.wait4(process.pid, 0)
    memory = usage.ru_maxrss // 1024
    return [(t, memory) for t in single], [(t, memory) for t in double]


def _reports(process):
    """(time read, seconds it took) of each proof the watcher reports writing."""
    for line in process.stdout:
        if line.startswith("[") and "wrote" in line:
            yield time.time(), float(re.search(r"\(([\d.]+) s\)", line).group(1))


def _on_screen(page, lines, saved: float) -> float:
    """Seconds from `saved` to the page viewer's new picture of the first proof whose
    rebuild started after the save (the one that shows it)."""
    while True:
        read, took = next(lines)
        if read - took > saved - 0.05:
            break
    built_after = (read - took) * 1000 - 50
    page.wait_for_function(f"(window.benchShown || []).some(s => Date.parse(s.built) >= "
                           f"{built_after} && s.at > {saved * 1000})", timeout=30000)
    shown = page.evaluate(f"window.benchShown.filter(s => Date.parse(s.built) >= {built_after}"
                          f" && s.at > {saved * 1000})[0].at")
    return shown / 1000 - saved


ROWS = ("cold", "greedy", "word", "same", "proof-word", "watch", "serve", "serve-two",
        "only", "proof", "x8", "long-paragraph", "long-word", "floor")


def measure(issue: Path, work: Path, wanted: set[str]) -> dict[str, dict]:
    """Every wanted row for the code ENV names, in work/."""
    rows = {}
    work.mkdir(parents=True)
    out = work / "cold" / "issue.pdf"
    if "cold" in wanted:
        rows["cold"] = series("full build, cold (--no-cache)",
                              [timed([*LAYOUT, "build", str(issue), "-o", str(out),
                                      "--no-cache"]) for _ in range(RUNS)])
    if "greedy" in wanted:
        greedy = work / "greedy"
        shutil.copytree(issue, greedy)
        theme = greedy / "theme.yaml"
        theme.write_text(theme.read_text().replace("total_fit: true", "total_fit: false"))
        rows["greedy"] = series("full build, cold, first-fit line breaking",
                                [timed([*LAYOUT, "build", str(greedy), "-o",
                                        str(work / "g" / "g.pdf"), "--no-cache"])
                                 for _ in range(RUNS)])
    edited = work / "edited"
    shutil.copytree(issue, edited)
    warm = work / "warm" / "issue.pdf"
    timed([*LAYOUT, "build", str(edited), "-o", str(warm)])
    article = edited / "articles" / "zhovtis.md"
    if "word" in wanted:
        runs = []
        for k in range(RUNS):
            change_one_word(article, k)
            runs.append(timed([*LAYOUT, "build", str(edited), "-o", str(warm)]))
        rows["word"] = series("rebuild after a one-word change", runs)
    if "same" in wanted:
        timed([*LAYOUT, "build", str(edited), "-o", str(warm)])
        rows["same"] = series("rebuild, nothing changed",
                              [timed([*LAYOUT, "build", str(edited), "-o", str(warm)])
                               for _ in range(RUNS)])
    proof_pdf = work / "proofs" / "p.pdf"
    if "proof-word" in wanted:
        # proofs without previews: the bench times the proof itself, as it always has
        timed([*LAYOUT, "proof", str(edited), "-o", str(proof_pdf), "--no-preview"])
        runs = []
        for k in range(RUNS):
            change_one_word(article, k)
            runs.append(timed([*LAYOUT, "proof", str(edited), "-o", str(proof_pdf),
                               "--no-preview"]))
        rows["proof-word"] = series("proof rebuild after a one-word change", runs)
    if "watch" in wanted:
        rows["watch"] = series("watch: proof rebuilt after a one-word change",
                               watched(edited, article, work / "watch" / "p.pdf"))
    if wanted & {"serve", "serve-two"}:
        single, double = served(edited, article, work / "serve" / "p.pdf")
        if single:
            rows["serve"] = series("serve: save -> changed page on screen", single)
            rows["serve-two"] = series("serve: 2nd of two saves 1 s apart -> on screen",
                                       double)
    if "only" in wanted:
        rows["only"] = series("proof --only zhovtis (cache warm)",
                              [timed([*LAYOUT, "proof", str(edited), "--only", "zhovtis", "-o",
                                      str(work / "only" / "z.pdf")]) for _ in range(RUNS)])
    if "proof" in wanted:
        rows["proof"] = series("proof, whole issue, cold",
                               [timed([*LAYOUT, "proof", str(issue), "-o",
                                       str(work / "p1" / "p.pdf"), "--no-cache", "--no-preview"])
                                for _ in range(RUNS)])
    if "x8" in wanted:
        big = work / "x8"
        synthetic_issue(issue, big, 8)
        rows["x8"] = series("proof, 8x the content, cold",
                            [timed([*LAYOUT, "proof", str(big), "-o", str(work / "p8" / "p.pdf"),
                                    "--no-cache", "--no-preview"], ok=(0, 1))
                             for _ in range(max(RUNS // 2, 2))])
    for key, label, body in (
            ("long-paragraph", "proof: one paragraph of 100,000 words",
             long_paragraph(100_000)),
            ("long-word", "proof: one word of 200,000 letters",
             "A " + "abcdefghij" * 20_000 + ".")):
        if key not in wanted:
            continue
        extreme = work / key
        extreme_issue(issue, extreme, body)
        rows[key] = series(label, [timed([*LAYOUT, "proof", str(extreme), "-o",
                                          str(work / f"{key}-out" / "p.pdf"), "--no-cache",
                                          "--no-preview"], ok=(0, 1))
                                   for _ in range(max(RUNS // 2, 2))])
    script = work / "floor.py"
    script.write_text(FLOOR)
    rows["floor"] = series("floor: plain ReportLab, same text and columns",
                           [timed([sys.executable, str(script), str(ROOT / "fonts"), str(issue),
                                   str(work / "floor.pdf")]) for _ in range(RUNS)])
    return rows


TARGETS = {"cold": "≤ 1.5x floor", "same": "≤ 0.7x floor", "word": "≤ 0.8x floor",
           "only": "≤ 0.6x floor", "watch": "≤ 0.3x floor", "serve": "≤ 0.5 s",
           "serve-two": "≤ 1.5 s (max)"}


def main() -> None:
    issue = ROOT / "issue"
    work = Path(tempfile.mkdtemp(prefix="adalazamat-bench-"))
    wanted = set(os.environ.get("BENCH_ROWS", ",".join(ROWS)).split(",")) | {"floor"}
    before = os.environ.get("BENCH_BEFORE")
    print(f"ADALAZAMAT bench: {RUNS} runs each, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}\n", flush=True)
    sides = {}
    if before:
        ENV["PYTHONPATH"] = str(Path(before).resolve())
        sides["before"] = measure(issue, work / "before", wanted)
        ENV.clear()
    sides["after"] = measure(issue, work / "after", wanted)
    print()
    print(f"{'row':46} {'median':>15} {'÷ floor':>15}   load   target")
    for key in ROWS:
        after = sides["after"].get(key)
        if after is None:
            continue
        old = sides.get("before", {}).get(key)
        value = f"{after['median']:.2f} s"
        ratio = f"{after['median'] / sides['after']['floor']['median']:.2f}x"
        load = f"{after['load']:.1f}"
        if key == "serve-two":
            value += f" (max {after['max']:.2f})"
        if old is not None:
            value = f"{old['median']:.2f} → {value}"
            ratio = f"{old['median'] / sides['before']['floor']['median']:.2f} → {ratio}"
            load = f"{old['load']:.1f}/{load}"
        print(f"{after['label']:46} {value:>15} {ratio:>15}   {load:8} {TARGETS.get(key, '')}")
    rows = sides["after"]
    if {"x8", "proof"} <= rows.keys():
        print(f"8x content / 1x content      {rows['x8']['median'] / rows['proof']['median']:.2f}x"
              "   (target ≤ 6x)")
    if "cold" in rows:
        print(f"peak memory, real issue      {rows['cold']['memory']} MB   (target ≤ 150 MB)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
