"""The pipeline in one function: read the issue, check it, compose it, write the PDF."""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from layout import warm
from layout.compose.cache import ArticleCache, key_warning, remembered_pictures
from layout.compose.fit import FIT_KEY, count
from layout.compose.fit_report import FitReport, Refusal
from layout.compose.issue import IssueLayout, compose_issue
from layout.compose.pages import ComposedArticle
from layout.content import load_issue
from layout.content.boundary import Boundary
from layout.content.images import attach_pictures, pictures_to_come, placed_figures
from layout.content.model import Issue
from layout.errors import IssueError, did_you_mean, make_command
from layout.files import default_pdf, write_atomically
from layout.outputs import check_output_file
from layout.press.fonts import FontMerge
from layout.press.inks import SmallType, one_ink_warnings, small_type_warnings
from layout.press.marks import add_marks
from layout.press.pdfx import PROFILE, build_moment, make_pdfx
from layout.press.pressed import press_article, pressed_article
from layout.press.pypdf_private import info
from layout.rounds import Rounds
from layout.style.coverage import check_coverage
from layout.style.fonts import register_fonts
from layout.style.shaping import face_file, postscript_name
from layout.style.theme import Theme
from layout.style.theme_check import check_theme

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"


@dataclass
class Prepared:
    """An issue read, checked and ready to compose."""

    issue: Issue
    theme: Theme
    faces: dict

    @property
    def face_files(self) -> dict[str, Path]:
        """PostScript name (what a PDF's BaseFont says) -> TrueType file, for every face."""
        return {postscript_name(name): face_file(name) for name in self.faces}

    def input_files(self) -> list[Path]:
        """The issue's own files (the newest dates a build without SOURCE_DATE_EPOCH; fonts
        and code are the project's, and their checkout dates mean nothing)."""
        issue = self.issue
        files = [issue.root / "issue.yaml", issue.theme_path]
        for article in issue.articles:
            files.append(article.path)
            files += [issue.root / figure.path for figure in placed_figures(article)]
        return files


def prepare(issue_dir: Path, fonts_dir: Path = FONTS_DIR, warnings: list[str] | None = None,
            placeholders: bool = False, picture_cache: Path | None = None) -> Prepared:
    """Read the issue, its pictures, theme and fonts; check every glyph is covered.

    Everything read comes from inside the issue folder (fonts: or the project's fonts/).
    With `placeholders` (proofs), a picture not there yet is drawn as a frame, not refused.
    Converted pictures are kept in `picture_cache` (when given) for the next build.
    """
    issue = load_issue(issue_dir, warnings, Boundary(issue_dir))
    theme = read_theme(issue.theme_path, fonts_dir)
    limit = ink_limit(theme)
    attach_pictures(issue, PROFILE, placeholders, limit,
                    remembered_pictures(picture_cache, PROFILE, limit))
    if warnings is not None:
        warnings += colours_over_the_ink_limit(theme, issue.theme_path)
    faces = register_fonts(theme, fonts_dir, Boundary(issue_dir, fonts_dir))
    check_coverage(issue, theme)
    return Prepared(issue, theme, faces)


def read_theme(path: Path, fonts_dir: Path) -> Theme:
    """The theme read and checked; the desk keeps it by its file's bytes (layout/warm.py)
    and checks its font files again each time (one may have gone since)."""
    if not warm.enabled():
        return Theme(path, fonts_dir)
    try:
        digest = hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return Theme(path, fonts_dir)  # which says what is wrong with it
    theme = warm.recall("theme", str(path), (digest, str(fonts_dir)),
                        lambda: Theme(path, fonts_dir))
    check_theme(theme, fonts_dir)
    return theme


EDITIONS = ("print", "screen")


def ink_limit(theme: Theme) -> float:
    """The theme's ink limit in percent (`press.ink_limit`)."""
    return theme.share("press.ink_limit") * 100


def colours_over_the_ink_limit(theme: Theme, path: Path) -> list[str]:
    """Theme colours with more ink than `press.ink_limit`: wherever one covers 1 mm² or
    more, the hand-off's preflight refuses the page (said at the colour's line)."""
    limit, out = ink_limit(theme), []
    for name, values in theme.colours().items():
        if sum(values) > limit:
            line = theme.line_of(f"colours.{name}")
            out.append(f"{path}{f':{line}' if line else ''}: colours.{name} {values} is "
                       f"{sum(values):g}% of ink, over press.ink_limit {limit:g}% — make "
                       "handoff will refuse any page where it covers 1 mm²; take some C, M "
                       "and Y out")
    return out


def build(issue_dir: Path, output: Path | None = None, fonts_dir: Path = FONTS_DIR,
          marks: bool = False, warnings: list[str] | None = None, use_cache: bool = True,
          progress=None, cache_dir: Path | None = None, edition: str = "print") -> Path:
    """Build the issue's PDF; return its path. Raises IssueError on bad input.

    With `marks`, crop and registration marks and a slug line surround every page; what
    deserves a look but does not stop the build is appended to `warnings`. Composed
    articles are cached in `cache_dir` (by default the project's build/<stem>/cache/, see
    `cache_folder`) unless `use_cache` is off. The `screen` edition is the tagged PDF/UA-1
    for reading on screens (layout/screen/), from the same composition.
    """
    screen = edition == "screen"
    ready = prepare(issue_dir, fonts_dir, warnings,
                    picture_cache=pictures_folder(issue_dir, cache_dir, use_cache))
    issue = ready.issue
    if screen:  # refused before any layout
        check_alt_texts(issue, refuse=True, warnings=warnings)
    fixed = all(a.pages is not None for a in issue.articles)
    if fixed:  # the flatplan alone decides: say so before any layout
        check_page_count(issue, sum(a.pages for a in issue.articles))
    output = check_output_file(output or default_pdf(issue_dir, issue.file_stem,
                                                     screen=screen, claim=True),
                               ready.input_files(), issue.root)
    cache_dir = cache_dir or cache_folder(issue_dir, issue.file_stem)
    cache = article_cache(ready, cache_dir, use_cache, warnings)
    composed = _laid_out(ready, cache, warnings, progress, screen=screen).articles
    if not fixed:  # `pages: auto` articles: only their layout tells the total
        check_page_count(issue, sum(c.pages for c in composed))
    moment = build_moment(os.environ.get("SOURCE_DATE_EPOCH"), ready.input_files())
    if not screen:  # said after what composing found
        check_alt_texts(issue, refuse=False, warnings=warnings)
    if screen:
        from layout.screen.edition import make_screen

        fingerprint = hashlib.sha256(b"".join(a.pdf for a in composed)).digest()
        write_atomically(output, make_screen(composed, issue, moment, ready.face_files,
                                             fingerprint))
        return output
    slug = ""
    if marks:
        slug = f"{output.name}   {issue.magazine} {issue.issue_line}   {moment:%Y-%m-%d %H:%M}"
    _write_pdf(ready, composed, moment, slug, output, cache, warnings)
    return output


@dataclass
class Proof:
    """A proof PDF, the fit report written beside it, and the report to print."""

    pdf: Path
    report: Path
    layout: IssueLayout
    fit_report: FitReport
    round_pdf: Path | None = None  # the copy kept as this round (whole-issue proofs only)
    round_number: int = 1
    round_state: str = ""  # 'round 2 (working)' or 'round 2 (sent …)'
    title: str = ""  # the document's title: magazine and issue
    labels: list[str] = field(default_factory=list)  # each page's folio ('37', '37+1' …)
    versions: list[str] = field(default_factory=list)  # each page's picture, see page_versions


def proof(issue_dir: Path, output: Path | None = None, only: str | None = None,
          round_number: int | None = None, warnings: list[str] | None = None,
          use_cache: bool = True, progress=None, cache_dir: Path | None = None,
          send: bool = False, checkpoint: Callable[[], None] | None = None) -> Proof:
    """A proof: overset text kept on pages marked OVERSET, a PROOF slug, the fit report.

    With `only`, just that article, on the page numbers it has in the issue. A whole-issue
    proof is also kept as `proofs/round-N.pdf` beside the output: the working round (see
    layout/rounds.py; a sent round is never written again), and with `send` it is marked sent.
    `checkpoint` is called between the steps and after each article composed (the desk's
    may raise to stop a rebuild a newer save has made stale: nothing is written then).
    """
    check = checkpoint or (lambda: None)
    ready = prepare(issue_dir, warnings=warnings, placeholders=True,
                    picture_cache=pictures_folder(issue_dir, cache_dir, use_cache))
    check()

    issue = ready.issue
    if only and only not in {a.slug for a in issue.articles}:
        raise IssueError(issue.root / "issue.yaml", None, f"no article '{only}' in the flatplan",
                         did_you_mean(only, [a.slug for a in issue.articles]))
    output = check_output_file(output or default_pdf(issue_dir, issue.file_stem,
                                                     proof=True, only=only, claim=True),
                               ready.input_files(), issue.root)
    report = output.with_name("fit.json") if not only else output.with_suffix(".fit.json")
    check_output_file(report, ready.input_files(), issue.root)
    rounds = Rounds(output.parent / "proofs")
    if not only:
        rounds.claim()
    round_number = rounds.working(round_number)
    cache_dir = cache_dir or cache_folder(issue_dir, issue.file_stem)
    cache = article_cache(ready, cache_dir, use_cache, warnings)
    layout = _laid_out(ready, cache, warnings, _checking(progress, checkpoint), proof=True,
                       only=only)
    check()
    fit_report = FitReport(layout.fits, layout.mm_per_line, make_command("pdf", issue.root),
                           proof_refusals(issue, layout, only))
    moment = datetime.now(UTC)
    slug = (f"PROOF round {round_number}   {moment:%Y-%m-%d %H:%M} UTC   {output.name}   "
            f"{issue.magazine} {issue.issue_line}")
    fit_json = json.dumps({
        "issue": issue.issue_line, "round": round_number,
        "fits": [f.to_dict() for f in layout.fits],
        "refusals": [refusal.text for refusal in fit_report.refusals],
        "pages": [{"slug": a.slug, "first_page": a.first_page, "pages": a.pages}
                  for a in layout.articles],
    }, ensure_ascii=False, indent=1)
    pdf = _write_pdf(ready, layout.articles, moment, slug, output, cache, warnings,
                     {FIT_KEY: fit_json})
    round_pdf = None
    if not only:  # a round is the whole issue as the editors saw it
        round_pdf = rounds.pdf(round_number)
        write_atomically(round_pdf, pdf)
        if send:
            rounds.send(round_number)
    write_atomically(report, fit_json.encode("utf-8"))
    labels = folios(layout.articles, issue)
    return Proof(output, report, layout, fit_report, round_pdf, round_number,
                 rounds.state(round_number) if not only else "",
                 f"{issue.magazine} {issue.issue_line}", labels,
                 page_versions(layout.articles, labels, cache.shared))


def _checking(progress, checkpoint):
    """The progress callback, calling `checkpoint` after each article composed."""
    if checkpoint is None:
        return progress

    def step(done: int, total: int) -> None:
        checkpoint()
        if progress:
            progress(done, total)
    return step


def folios(articles: list[ComposedArticle], issue: Issue) -> list[str]:
    """Each page's label as `label_pages` writes it: its folio, or '37+1' … for a proof's
    OVERSET pages."""
    allotments = {a.slug: a.pages for a in issue.articles}
    labels: list[str] = []
    for article in articles:
        allotment = allotments[article.slug]
        fitting = article.pages if allotment is None else min(article.pages, allotment)
        labels += [str(article.first_page + k) for k in range(fitting)]
        last = article.first_page + fitting - 1
        labels += [f"{last}+{k}" for k in range(1, article.pages - fitting + 1)]
    return labels


def page_versions(articles: list[ComposedArticle], labels: list[str], shared: bytes
                  ) -> list[str]:
    """A name for what each page shows inside its trim, the same as long as its picture is:
    the digest of its article's pages as composed (text, pictures, folios), of the page's
    place in them and its label, and of what every article's key holds (theme, fonts,
    masthead, code). The slug and marks outside the trim do not count; an article composed
    anew gives each of its pages a new name (even those whose picture did not change)."""
    out, page = [], 0
    for article in articles:
        pdf = hashlib.sha256(article.pdf).digest()
        for k in range(article.pages):
            digest = hashlib.sha256(shared + pdf + f"|{k}|{labels[page]}".encode())
            out.append(digest.hexdigest()[:16])
            page += 1
    return out


def _laid_out(ready: Prepared, cache: ArticleCache, warnings, progress, **options) -> IssueLayout:
    """The issue composed (from the cache where it can be), each article pressed in the
    worker that composed it."""
    return compose_issue(ready.issue, ready.theme, ready.faces, warnings, cache=cache,
                         progress=progress, finish=pressing(ready), **options)


def _write_pdf(ready: Prepared, articles: list[ComposedArticle], moment: datetime, slug: str,
               output: Path, cache: ArticleCache, warnings, extra_info=None) -> bytes:
    """Assemble the pressed articles into the PDF and write it; small type in too many inks
    is said in `warnings`. Returns the PDF's bytes."""
    small_type: list[SmallType] = []
    pdf = assemble(articles, ready.issue, moment, slug, ready.theme.font("folio.text_font"),
                   extra_info, cache=cache.folder, faces=ready.face_files, small_type=small_type)
    if warnings is not None:
        theme = ready.theme
        colours = theme.colours()
        warnings += one_ink_warnings(colours, {
            name: f"{theme.path}:{theme.line_of(f'colours.{name}') or 1}" for name in colours})
        warnings += small_type_warnings(small_type, colours)
    write_atomically(output, pdf)
    return pdf


def proof_refusals(issue: Issue, layout: IssueLayout, only: str | None) -> list[Refusal]:
    """What `make pdf` would refuse besides overset text: the page count, pictures."""
    build_command = make_command("pdf", issue.root)
    out = []
    pages = {f.slug: f.pages for f in layout.fits}
    total = sum(a.pages if a.pages is not None else pages.get(a.slug, 1)
                for a in issue.articles)
    error = page_count_error(issue, total)
    if error:
        out.append(Refusal("pages", f"{error.where}: {error.message} — {build_command} will "
                                    f"refuse; {error.hint}"))
    out += [Refusal("coarse", text) for text in layout.refusals]
    for article in issue.articles:
        if only and article.slug != only:
            continue
        for figure in pictures_to_come(article):
            out.append(Refusal("to-come", f"{article.path}:{figure.line}: picture "
                                          f"'{figure.path}' is not there yet (the proof shows a "
                                          f"PICTURE TO COME frame) — {build_command} will "
                                          f"refuse it until the file is in "
                                          f"{issue.root / 'images'}/"))
    return out


def pictures_folder(issue_dir: Path, cache_dir: Path | None, use_cache: bool) -> Path | None:
    """Where converted pictures are kept: pictures/ in the cache folder (apart from the
    articles' entries, whose names are slugs), or nowhere without the cache."""
    if not use_cache:
        return None
    return (cache_dir or cache_folder(issue_dir)) / "pictures"


def cache_folder(issue_dir: Path, stem: str | None = None) -> Path:
    """Where composed articles are kept: build/<stem>/cache/ in the project, the folder that
    holds the issue folder (issue/ -> build/adalazamat-2023-01/cache/), wherever the PDF
    itself is written. `stem` is the issue's file stem (read from its issue.yaml if not given).

    Not beside the output: an output folder may be shared (-o /srv/drop/issue.pdf), and what
    anyone can write there must not decide what the next build prints.
    """
    if stem is None:
        from layout.content import read_masthead

        stem = read_masthead(issue_dir).file_stem
    return Path(os.path.abspath(issue_dir)).parent / "build" / stem / "cache"


def article_cache(ready: Prepared, folder: Path, enabled: bool,
                  warnings: list[str] | None = None) -> ArticleCache:
    """The cache of composed articles in `folder` (or none).

    Without one, said in `warnings`, when the user's cache key may not be trusted or the
    folder (or the one holding it) is a symbolic link or no folder: what is read there
    would decide what the build prints, what is removed there would not be ours.
    """
    wanted = enabled
    problem = (key_warning() or _folder_problem(folder)) if enabled else None
    if problem:
        enabled = False
        if warnings is not None:
            warnings.append(problem)
    digests = [face.source_digest for face in ready.faces.values()]
    cache = ArticleCache.for_issue(folder if enabled else None, ready.issue, ready.theme.digest,
                                   digests)
    cache.memory = wanted  # a cache folder refused still lets the desk keep entries in memory
    return cache


def _folder_problem(folder: Path) -> str | None:
    for path in (folder, folder.parent):
        if path.is_symlink():
            return (f"{path}: the cache folder is a symbolic link to {os.readlink(path)}: "
                    "building without the cache — remove the link (the build makes the folder)")
        if path.exists() and not path.is_dir():
            return f"{path}: is not a folder: building without the cache — remove it"
    return None


def page_count_error(issue, total: int) -> IssueError | None:
    """Saddle stitch binds sheets of 4 pages: an error saying how many to add or cut."""
    if total % 4 == 0:
        return None
    return IssueError(issue.root / "issue.yaml", None,
                      f"the flatplan makes {total} pages, not a multiple of 4 (saddle stitch)",
                      f"add {count(4 - total % 4, 'page')} or cut {count(total % 4, 'page')} "
                      "in the allotments")


def check_alt_texts(issue: Issue, refuse: bool, warnings: list[str] | None) -> None:
    """Every picture says what it shows (`alt:`): the screen edition refuses one that does
    not, at its line; a print build warns."""
    for article in issue.articles:
        for figure in placed_figures(article):
            if figure.alt.strip():
                continue
            what = "portrait" if figure is article.portrait else "picture"
            message = f"{what} '{figure.path}' has no alt text"
            hint = ("add 'portrait_alt: what it shows' to the front matter"
                    if what == "portrait" else
                    "add a line 'alt: what the picture shows' inside the figure")
            if refuse:
                raise IssueError(article.path, figure.line,
                                 f"{message}: the screen edition reads it out to those "
                                 "who cannot see it", hint)
            if warnings is not None:
                warnings.append(f"{article.path}:{figure.line}: {message} — {hint} "
                                "(the screen edition refuses it)")


def pressing(ready: Prepared):
    """The press, for each article right where it is composed (in parallel workers)."""
    return press_article


def check_page_count(issue, total: int) -> None:
    """Refuse a page count saddle stitch cannot bind."""
    error = page_count_error(issue, total)
    if error:
        raise error


def assemble(composed: list[ComposedArticle], issue: Issue, moment: datetime, slug: str = "",
             font: str = "", extra_info: dict[str, str] | None = None,
             cache: Path | None = None, faces: dict[str, Path] | None = None,
             small_type: list[SmallType] | None = None) -> bytes:
    """Join the articles' pages into one PDF/X-4, with an outline entry at each article.

    Each article was pressed where it was composed (press/rewrite.py): black text overprints and
    its fonts give way to the faces in `faces` (PostScript name -> file), each embedded
    once for the whole issue; small text printed in more than two inks is appended to
    `small_type`. A non-empty `slug` adds printer's marks with that slug
    line; `extra_info` goes into the document info (a proof carries its fit report there);
    `cache` keeps the press profile.
    """
    magazine, issue_line = issue.magazine, issue.issue_line
    writer, fonts = join_articles(composed, issue, faces or {}, small_type)
    if slug:
        add_marks(writer, slug, font, fonts)
    fonts.finish(writer)  # … and one subset per face for the whole issue
    fingerprint = hashlib.sha256(b"".join(a.pdf for a in composed) + slug.encode()).digest()
    make_pdfx(writer, f"{magazine} {issue_line}", magazine, moment, fingerprint, cache)
    for key, value in (extra_info or {}).items():
        info(writer)[NameObject(key)] = TextStringObject(value)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def join_articles(composed: list[ComposedArticle], issue: Issue, faces: dict[str, Path],
                  small_type: list[SmallType] | None = None, outline: bool = True
                  ) -> tuple[PdfWriter, FontMerge]:
    """The pressed articles' pages in one document, labelled with their folios, with an
    outline entry at each article (unless not `outline`); the fonts are still to finish."""
    titles = {a.slug: a.title or a.slug for a in issue.articles}
    allotments = {a.slug: a.pages for a in issue.articles}
    fonts = FontMerge(faces)
    writer = PdfWriter()
    for article in composed:
        start = len(writer.pages)
        done = pressed_article(article)  # black set to overprint, faces drawn noted …
        fonts.add(done.facts.used)
        writer.append(done.reader, import_outline=False)
        if outline:
            writer.add_outline_item(title=titles[article.slug], page_number=start)
        label_pages(writer, start, article, allotments[article.slug])
        if small_type is not None:
            small_type += [replace(use, page=start + use.page + 1)
                           for use in done.facts.small_type]
    return writer, fonts


def label_pages(writer: PdfWriter, start: int, article: ComposedArticle,
                allotment: int | None) -> None:
    """Page labels are the folios; a proof's overset pages read '37+1', '37+2' …"""
    fitting = article.pages if allotment is None else min(article.pages, allotment)
    writer.set_page_label(start, start + fitting - 1, "/D", start=article.first_page)
    if article.pages > fitting:
        last = article.first_page + fitting - 1
        writer.set_page_label(start + fitting, start + article.pages - 1, "/D",
                              prefix=f"{last}+", start=1)
