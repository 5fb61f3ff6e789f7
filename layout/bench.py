"""`make bench`: how long editors wait, measured as medians of repeated runs.

Each measurement runs the real command line in a fresh process (startup included) and
reports median, min and max wall time, and the peak memory of the process. The floor is a
plain ReportLab script that flows the same text in the same fonts and columns with none of
our features; our cold build is reported as a ratio to it.
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


def timed(command: list[str], cwd: Path | None = None, ok: tuple[int, ...] = (0,)
          ) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (MB) of one run of a command (exit code in ok)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def series(label: str, runs: list[tuple[float, int]]) -> dict:
    times = [t for t, _ in runs]
    row = {"label": label, "median": statistics.median(times), "min": min(times),
           "max": max(times), "memory": max(m for _, m in runs)}
    print(f"{label:44} median {row['median']:6.2f} s   min {row['min']:6.2f}   "
          f"max {row['max']:6.2f}   peak {row['memory']:4d} MB", flush=True)
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
    article.write_text(text.replace(words[run % 2], words[(run + 1) % 2], 1))


def watched(issue: Path, article: Path, output: Path) -> list:
    """`layout watch`'s own timing of each rebuild (from the change being seen to the PDF
    written), after a one-word change each time; memory is the watcher's."""
    command = [*LAYOUT, "watch", str(issue), "-o", str(output), "--builds", str(RUNS + 1)]
    runs = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        reports = (line for line in process.stdout if line.startswith("["))
        next(reports)  # the first build
        for k in range(RUNS):
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


def main() -> None:
    issue = ROOT / "issue"
    work = Path(tempfile.mkdtemp(prefix="adalazamat-bench-"))
    print(f"ADALAZAMAT bench: {RUNS} runs each, {os.cpu_count()} cores\n", flush=True)
    rows = {}
    out = work / "cold" / "issue.pdf"
    rows["cold"] = series("full build, cold (--no-cache)",
                          [timed([*LAYOUT, "build", str(issue), "-o", str(out), "--no-cache"])
                           for _ in range(RUNS)])
    greedy = work / "greedy"
    shutil.copytree(issue, greedy)
    theme = greedy / "theme.yaml"
    theme.write_text(theme.read_text().replace("total_fit: true", "total_fit: false"))
    rows["greedy"] = series("full build, cold, first-fit line breaking",
                            [timed([*LAYOUT, "build", str(greedy), "-o", str(work / "g" / "g.pdf"),
                                    "--no-cache"]) for _ in range(RUNS)])
    edited = work / "edited"
    shutil.copytree(issue, edited)
    warm = work / "warm" / "issue.pdf"
    timed([*LAYOUT, "build", str(edited), "-o", str(warm)])
    article = edited / "articles" / "zhovtis.md"
    runs = []
    for k in range(RUNS):
        change_one_word(article, k)
        runs.append(timed([*LAYOUT, "build", str(edited), "-o", str(warm)]))
    rows["word"] = series("rebuild after a one-word change", runs)
    rows["same"] = series("rebuild, nothing changed",
                          [timed([*LAYOUT, "build", str(edited), "-o", str(warm)])
                           for _ in range(RUNS)])
    proof_pdf = work / "proofs" / "p.pdf"
    # proofs without previews: the bench times the proof itself, as it always has
    timed([*LAYOUT, "proof", str(edited), "-o", str(proof_pdf), "--no-preview"])
    runs = []
    for k in range(RUNS):
        change_one_word(article, k)
        runs.append(timed([*LAYOUT, "proof", str(edited), "-o", str(proof_pdf), "--no-preview"]))
    rows["proof-word"] = series("proof rebuild after a one-word change", runs)
    rows["watch"] = series("watch: proof rebuilt after a one-word change",
                           watched(edited, article, work / "watch" / "p.pdf"))
    rows["only"] = series("proof --only zhovtis (cache warm)",
                          [timed([*LAYOUT, "proof", str(edited), "--only", "zhovtis", "-o",
                                  str(work / "only" / "z.pdf")]) for _ in range(RUNS)])
    rows["proof"] = series("proof, whole issue, cold",
                           [timed([*LAYOUT, "proof", str(issue), "-o",
                                   str(work / "p1" / "p.pdf"), "--no-cache", "--no-preview"])
                            for _ in range(RUNS)])
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
        extreme = work / key
        extreme_issue(issue, extreme, body)
        rows[key] = series(label, [timed([*LAYOUT, "proof", str(extreme), "-o",
                                          str(work / key / "p.pdf"), "--no-cache",
                                          "--no-preview"], ok=(0, 1))
                                   for _ in range(max(RUNS // 2, 2))])
    script = work / "floor.py"
    script.write_text(FLOOR)
    rows["floor"] = series("floor: plain ReportLab, same text and columns",
                           [timed([sys.executable, str(script), str(ROOT / "fonts"), str(issue),
                                   str(work / "floor.pdf")]) for _ in range(RUNS)])
    print()
    print(f"cold build / floor           {rows['cold']['median'] / rows['floor']['median']:.2f}x"
          "   (target ≤ 1.5x)")
    print(f"total fit / first fit        {rows['cold']['median'] / rows['greedy']['median']:.2f}x")
    print(f"8x content / 1x content      {rows['x8']['median'] / rows['proof']['median']:.2f}x"
          "   (target < 8x)")
    print(f"one-word rebuild             {rows['word']['median']:.2f} s   (target < 0.5 s)")
    print(f"proof --only                 {rows['only']['median']:.2f} s   (target < 0.5 s)")
    print(f"proof rebuild, one word      {rows['proof-word']['median']:.2f} s   "
          f"({rows['watch']['median']:.2f} s in layout watch)")
    print(f"peak memory, real issue      {rows['cold']['memory']} MB   (target < 150 MB)")
    print(f"100,000-word paragraph       {rows['long-paragraph']['median']:.2f} s, "
          f"{rows['long-paragraph']['memory']} MB   (200,000-letter word "
          f"{rows['long-word']['median']:.2f} s, {rows['long-word']['memory']} MB)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
