"""The whole issue: each article laid out into its allotment, where the flatplan puts it."""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass, field

from reportlab.platypus import PageBreak, Spacer

from layout.compose.cache import ArticleCache, generated_key
from layout.compose.elements import Kit
from layout.compose.figures import PictureSpace
from layout.compose.fit import UNDERSET_SHARE, Fit, blank_note, measure_fit, mm_per_line
from layout.compose.furniture import Furniture
from layout.compose.grid import Grid
from layout.compose.hyphenate import load_dictionaries
from layout.compose.opener import lead_in
from layout.compose.pages import ComposedArticle, TooLarge, compose_pages
from layout.compose.tagging import KIND_ROLES, Tagger
from layout.compose.text.lines import Unset
from layout.compose.too_tall import too_tall_error
from layout.content.images import placed_figures
from layout.content.model import Article, Issue
from layout.errors import CheckFailed, IssueError, make_command
from layout.kinds import generated, kind
from layout.print_rules import BLEED_FAR, BLEED_NEAR, MM, bleed_at_edges, ppi_shown
from layout.processes import die_with_parent
from layout.style.shaping import cap_height
from layout.style.styles import palette, run_back, run_forward, text_styles
from layout.style.theme import Theme


class IssueComposer:
    """Composes articles one by one; holds only what every article shares."""

    def __init__(self, issue: Issue, theme: Theme, faces: dict, proof: bool = False,
                 finish=None, screen: bool = False):
        self.issue, self.theme, self.proof = issue, theme, proof
        self.screen = screen  # the screen edition: pages tagged (compose/tagging.py)
        self.finish = finish  # what the build does to a composed article (in its worker)
        self.grid = Grid.from_theme(theme, issue.bleed_mm)
        self.colours = palette(theme)
        self.cap_heights = {name: cap_height(name) for name in faces}
        self.styles = {}
        fixed = all(a.pages is not None for a in issue.articles)
        self.pages = sum(a.pages for a in issue.articles) if fixed else 0

    def cache_extra(self, article: Article) -> bytes:
        """What else a cached article depends on: a proof marks a picture's space, a build
        does not; a spread, how many pages the issue has."""
        extra = b"proof" if self.proof and article.picture_space else b""
        if any(getattr(b, "placement", "") == "spread" for b in article.blocks):
            extra += f"|spread in {self.pages} pages".encode()  # the last page has no facing
        return extra + (b"screen" if self.screen else b"")

    def dictionaries(self, articles: list[Article]) -> set[str]:
        """The hyphenation dictionaries these articles' languages use (theme: hyphenation)."""
        table = self.theme.per_language("hyphenation.dictionaries")
        return {table[a.language] for a in articles if a.language in table}

    def kit(self, article: Article, starts: dict[str, int] | None = None,
            tight: bool | str = False) -> Kit:
        """`tight`: True to run the copy back (fewer lines), "loose" to drive it out."""
        key = (article.language, article.kind, tight)
        if key not in self.styles:
            styles = text_styles(self.theme, article.language, kind(article.kind).body_group)
            if tight == "loose":
                styles = run_forward(styles, self.theme.number("line_breaking.run_forward"))
            elif tight:
                styles = run_back(styles, self.theme.number("line_breaking.run_back"))
            self.styles[key] = styles
        return Kit(self.theme, self.styles[key], self.colours, article,
                   self.cap_heights, self.issue.magazine, self.issue.issue_line,
                   self.issue.issn, self.issue.number, starts, self.issue.articles,
                   self.grid.page_size, self.grid.body(2).height,
                   type_width=self.grid.body(2).width, gutter=self.grid.gutter)

    def tagger(self, article: Article) -> Tagger | None:
        """The screen edition's recorder of the article's structure (print: none)."""
        if not self.screen:
            return None
        return Tagger(KIND_ROLES.get(article.kind, "Art"), article.language,
                      article.title or article.slug)

    def compose(self, article: Article, first_page: int, starts=None,
                extra_pages: int = 0) -> ComposedArticle:
        """The article at its pages; one that runs past its allotment is set again with its
        paragraphs run back where their spacing allows (a make-up editor's fewer lines,
        TeX's looseness −1 for every paragraph), and kept so if that takes fewer pages."""
        result = self._compose(article, first_page, starts, extra_pages, tight=False)
        allotted = (article.pages or 0) + extra_pages
        if article.pages and result.pages > allotted:
            tight = self._compose(article, first_page, starts, extra_pages, tight=True)
            if tight.pages < result.pages:
                return tight
        elif article.pages and result.pages == allotted and not article.picture_space \
                and self.theme.number("line_breaking.run_forward") and self._underset(result):
            # the copy leaves a quarter of its last page or more empty: set it a little
            # looser, kept if it still fits its pages and leaves less white
            loose = self._compose(article, first_page, starts, extra_pages, tight="loose")
            if loose.pages == result.pages and loose.lowest_y < result.lowest_y:
                return loose
        return result

    def _underset(self, result: ComposedArticle) -> bool:
        body = self.grid.body(result.first_page + result.pages - 1)
        return result.lowest_y - body.y >= UNDERSET_SHARE * body.height

    def _compose(self, article: Article, first_page: int, starts, extra_pages: int,
                 tight: bool) -> ComposedArticle:
        try:
            return self._compose_pages(article, first_page, starts, extra_pages, tight)
        except Unset as unset:
            raise unset_error(article, unset) from None

    def _compose_pages(self, article: Article, first_page: int, starts, extra_pages: int,
                       tight: bool) -> ComposedArticle:
        kit = self.kit(article, starts, tight)
        kit.first_page, kit.bleed, kit.issue_pages = first_page, self.grid.bleed, self.pages
        story = lead_in(kit, self.grid, first_page,
                        kind(article.kind).story(kit, self.grid, first_page))
        if article.picture_space:
            story.append(PictureSpace(article.picture_space, self.proof, kit.colours,
                                      self.theme.font("caption.font")))
        for _ in range(extra_pages):  # underset by whole pages: keep the flatplan's numbering
            story += [PageBreak(), Spacer(1, 1)]
        # the cover's own page has none (it is full-bleed); its overset pages are marked
        furniture = Furniture(self.theme, self.grid, self.colours, self.issue.magazine,
                              self.issue.issue_line, article.section, first_page,
                              article.pages)
        elements = list(story)  # ReportLab consumes the story; an error needs to look back
        try:
            result = compose_pages(article, first_page, self.grid, furniture, story,
                                   self.theme.font("body.font"), kit.ledger,
                                   placements=kit.placements, tagger=self.tagger(article))
        except TooLarge as too_large:
            raise too_tall_error(elements, self.grid, first_page, article.path) or IssueError(
                article.path, None, f"something on page {too_large.page} is taller than a "
                "column or page", "shorten the longest picture caption, box or heading"
            ) from None
        result.notes = kit.notes
        return result


def unset_error(article: Article, unset: Unset) -> IssueError:
    """A paragraph no line of its measure can hold, named by its article, line and text."""
    wanted = " ".join(unset.text.split())
    line = next((block.line for block in article.blocks
                 if wanted and wanted in " ".join(str(getattr(block, "text", "")).split())),
                None)
    shown = wanted if len(wanted) <= 60 else wanted[:57] + "…"
    return IssueError(article.path, line, f"no line {max(unset.width, 0.0):.1f} pt wide can hold "
                      f"“{shown}”: its measure is narrower than one of its characters",
                      "give the text a wider column, or a smaller inset picture beside it")


@dataclass
class IssueLayout:
    """The composed articles in page order and how each fits its allotment."""

    articles: list[ComposedArticle]
    fits: list[Fit]
    mm_per_line: float
    refusals: list[str] = field(default_factory=list)  # what a build would refuse (pictures)


def compose_issue(issue: Issue, theme: Theme, faces: dict, warnings: list[str] | None = None,
                  proof: bool = False, only: str | None = None,
                  cache: ArticleCache | None = None, progress=None,
                  finish=None, screen: bool = False) -> IssueLayout:
    """Every article in flatplan order, each measured against its allotment.

    A production build fails when an article is overset; a proof keeps the overset text on
    extra pages marked OVERSET. The generated cover and contents are measured like any
    article (too many cover lines or contents entries make them overset, never a page more
    or a line less). Pictures under 300 ppi at their printed size are warnings, under 150
    ppi errors (a proof lists them in `refusals` instead). With `only`, just that article is
    composed (at its pages). Articles come from the cache when nothing they depend on
    changed, and the others are composed in parallel when the flatplan fixes every first
    page (no `pages: auto`); `finish` (the build's next step for a composed article) runs in
    the same worker.
    """
    global _COMPOSER
    composer = _COMPOSER = IssueComposer(issue, theme, faces, proof, finish, screen)
    warnings = warnings if warnings is not None else []
    cache = cache or ArticleCache(None)
    wanted = [a for a in issue.articles if a.kind not in generated()
              and (not only or a.slug == only or a.pages is None)]
    results, starts = _lay_out(composer, issue, wanted, cache, progress)
    refusals: list = []
    for article in wanted:
        check_resolution(article, results[article.slug][0], warnings,
                         refusals=refusals if proof else None,
                         build_command=make_command("pdf", issue.root))
        check_pictures_printed(article, results[article.slug][0],
                               refusals=refusals if proof else None,
                               build_command=make_command("pdf", issue.root))
        check_picture_bleed(article, results[article.slug][0], composer.grid, warnings)
    heads = generated_key(issue, starts) + (b"screen" if screen else b"")
    for article in issue.articles:
        if article.kind in generated() and (not only or only == article.slug):
            start = starts[article.slug]
            hit = _cached(cache, article, start, heads)
            if hit is None:
                hit = lay_out_article(composer, article, start, starts)
                cache.put(article, start, hit, heads)
            results[article.slug] = hit
            check_resolution(article, hit[0], warnings, refusals=refusals if proof else None,
                             build_command=make_command("pdf", issue.root))
    measured = [a for a in issue.articles if a.slug in results]
    layout = IssueLayout([results[a.slug][0] for a in measured
                          if not only or a.slug == only],
                         [results[a.slug][1] for a in measured], mm_per_line(composer.grid),
                         refusals)
    for fit in layout.fits:
        if fit.blank_pages:
            warnings.append(f"{fit.path}: {blank_note(fit.blank_pages)}")
    if not proof:
        _refuse_overset(issue, layout)
        warnings += empty_picture_spaces(measured, layout.fits)
    return layout


def empty_picture_spaces(articles: list[Article], fits: list[Fit]) -> list[str]:
    """A production build prints a `picture_space:` white: said for each, at its line, with
    the size of picture it holds."""
    room = {fit.slug: fit.picture_room for fit in fits}
    return [f"{a.path}:{a.field_lines.get('picture_space', 1)}: picture_space '{a.picture_space}' "
            f"is still empty and prints white (room for a picture {room.get(a.slug, '')}) — "
            "place the picture, or take out 'picture_space:' and fill the page"
            for a in articles if a.picture_space]


def _lay_out(composer: IssueComposer, issue: Issue, wanted: list[Article], cache: ArticleCache,
             progress) -> tuple[dict[str, tuple[ComposedArticle, Fit]], dict[str, int]]:
    """The wanted articles laid out (or from the cache), and every article's first page."""
    results: dict[str, tuple[ComposedArticle, Fit]] = {}
    if any(a.pages is None for a in issue.articles):
        # an `auto` article moves every page after it: one at a time, in page order
        lengths: dict[str, int] = {}
        load_dictionaries(composer.dictionaries(wanted), cache.folder)
        for article in wanted:
            starts = _starts(issue, lengths)
            results[article.slug] = lay_out_article(composer, article, starts[article.slug])
            lengths[article.slug] = results[article.slug][0].pages
        return results, _starts(issue, lengths)
    starts = _starts(issue, {})
    todo = []
    for article in wanted:
        hit = _cached(cache, article, starts[article.slug], composer.cache_extra(article))
        if hit:
            results[article.slug] = hit
        else:
            todo.append(article)
    # before forking: the workers share the patterns instead of each reading them
    load_dictionaries(composer.dictionaries(todo), cache.folder)
    for article, value in _compose_all(todo, starts, progress):
        results[article.slug] = value
        cache.put(article, starts[article.slug], value, composer.cache_extra(article))
    return results, starts


def _cached(cache: ArticleCache, article: Article, first_page: int, extra: bytes):
    """The article's (composed, fit) from the cache, its fit naming the file as this build
    does (the key is the content: a copied issue folder finds the same entries)."""
    hit = cache.get(article, first_page, extra)
    if hit:
        hit[1].path = str(article.path)
    return hit


def _refuse_overset(issue: Issue, layout: IssueLayout) -> None:
    """A production build stops when any article does not fit, with the fit report."""
    oversets = [f for f in layout.fits if f.status == "overset"]
    if oversets:
        raise CheckFailed(issue.root / "issue.yaml", None,
                          f"{len(oversets)} article(s) do not fit their allotment:\n  "
                          + "\n  ".join(f"{f.path}: {f.summary(layout.mm_per_line)}"
                                         for f in oversets),
                          ("make the picture smaller, crop it or move it, "
                           if any(f.overset_pictures for f in oversets) else "")
                          + "cut the text or raise its 'pages:' (keep the total a multiple of 4); "
                          f"'{make_command('proof', issue.root)}' shows the overset text")


def lay_out_article(composer: IssueComposer, article: Article, first_page: int,
                    starts: dict[str, int] | None = None) -> tuple[ComposedArticle, Fit]:
    """One article at its first page, measured; an underset one keeps its allotted pages.

    A generated page (cover, contents) is never underset: only its overset counts.
    """
    result = composer.compose(article, first_page, starts)
    fit = measure_fit(article, result, composer.grid, composer.theme)
    if article.kind in generated():
        fit.underset_lines = fit.underset_words = 0
        fit.generated = True
    if article.pages is not None and result.pages < article.pages:
        result = composer.compose(article, first_page, starts,
                                  extra_pages=article.pages - result.pages)
    if composer.finish is not None:
        result = composer.finish(result)
    return result, fit


def _starts(issue: Issue, lengths: dict[str, int]) -> dict[str, int]:
    """First page of every article from the allotments (`auto` ones: their laid-out length)."""
    starts, page = {}, 1
    for article in issue.articles:
        starts[article.slug] = page
        page += article.pages if article.pages is not None else lengths.get(article.slug, 1)
    return starts


_COMPOSER: IssueComposer | None = None  # set before forking: workers inherit it


def _compose_in_worker(job: tuple[str, int]) -> tuple[str, tuple[ComposedArticle, Fit]]:
    slug, first_page = job
    article = _COMPOSER.issue.article(slug)
    return slug, lay_out_article(_COMPOSER, article, first_page)


def _start_worker(build: int) -> None:
    """A worker dies with the build, and leaves Ctrl-C to it (it stops cleanly and says so);
    SIGTERM (the build stopping it) ends it at once, as it would any process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(build)


def _compose_all(articles: list[Article], starts: dict[str, int], progress=None):
    """(article, (composed, fit)) for each article, in parallel processes when it pays."""
    jobs = [(a.slug, starts[a.slug]) for a in articles]
    by_slug = {a.slug: a for a in articles}
    workers = min(os.cpu_count() or 1, len(jobs))
    if workers < 2 or len(jobs) < 3:
        for k, job in enumerate(jobs):
            slug, value = _compose_in_worker(job)
            if progress:
                progress(k + 1, len(jobs))
            yield by_slug[slug], value
        return
    import multiprocessing  # here: a one-article rebuild does not pay for the import
    from concurrent.futures import ProcessPoolExecutor

    # the longest articles first, so that no long one starts last and runs alone
    jobs.sort(key=lambda job: by_slug[job[0]].path.stat().st_size, reverse=True)

    context = multiprocessing.get_context("fork")
    # Ctrl-C (or `kill`) waits while the workers are forked and the jobs queued: landing inside
    # multiprocessing's bookkeeping, it left half-made objects that printed tracebacks
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                   initargs=(os.getpid(),))
        results = pool.map(_compose_in_worker, jobs)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    try:
        for k, (slug, value) in enumerate(results):
            if progress:
                progress(k + 1, len(jobs))
            yield by_slug[slug], value
    except BaseException:
        # Ctrl-C, an error in one article: stop now. Leaving a `with` would first compose
        # every article already queued (an interrupted proof ran on for seconds)
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in multiprocessing.active_children():
            worker.terminate()
        raise
    pool.shutdown()


MIN_PPI, ERROR_PPI = 300, 150


def check_resolution(article: Article, result: ComposedArticle, warnings: list[str],
                     refusals: list[str] | None = None, build_command: str = "make pdf"
                     ) -> None:
    """Effective resolution of each placed picture: warn under 300 ppi; under 150 a
    production build refuses it, and a proof (given `refusals`) says that it will. (A
    spread is placed once on each of its pages: said once.)"""
    said: set[tuple[int, str]] = set()
    for placement in result.placements:
        where = f"{article.path}:{placement.line}"
        if placement.to_come or (placement.line, placement.name) in said:
            continue
        said.add((placement.line, placement.name))
        if placement.ppi < ERROR_PPI:
            message = (f"picture '{placement.name}' prints at "
                       f"{ppi_shown(placement.ppi)} ppi, under {ERROR_PPI}")
            hint = "use a larger original, or place it smaller"
            if refusals is None:
                raise IssueError(article.path, placement.line, message, hint)
            refusals.append(f"{where}: {message} — {build_command} will refuse it; {hint}")
        elif placement.ppi < MIN_PPI:
            warnings.append(f"{where}: picture '{placement.name}' prints at "
                            f"{ppi_shown(placement.ppi)} ppi (under {MIN_PPI}) — a larger original "
                            "would print sharper")


def check_pictures_printed(article: Article, result: ComposedArticle,
                           refusals: list[str] | None = None, build_command: str = "make pdf"
                           ) -> None:
    """Every picture the article places was drawn, with its caption and its credit: a
    production build refuses one that lost any of them (at the figure's line), a proof
    (given `refusals`) says that it will. Nothing placed is dropped silently."""
    placed = {p.line: p for p in result.placements}
    for figure in placed_figures(article):
        placement = placed.get(figure.line)
        lost = [what for what, text, printed in (
            ("caption", figure.caption, placement.caption if placement else False),
            ("credit", figure.credit, placement.credit if placement else False))
            if text and not printed]
        if placement and not lost:
            continue
        if placement is None:
            message = f"picture '{figure.path}' ({figure.placement}) is placed but not printed"
        else:
            message = (f"the {' and '.join(lost)} of picture '{figure.path}' "
                       f"({figure.placement}) would not be printed")
        hint = ("place it as 'column' or 'page' meanwhile (a placement that drops what it "
                "places is a bug: report it)")
        if refusals is None:
            raise IssueError(article.path, figure.line, message, hint)
        refusals.append(f"{article.path}:{figure.line}: {message} — {build_command} will "
                        f"refuse it; {hint}")


def check_picture_bleed(article: Article, result: ComposedArticle, grid: Grid,
                        warnings: list[str]) -> None:
    """A picture that touches the trim must run on into the bleed, as the hand-off's
    preflight demands (under 0.5 mm it refuses, under 2 mm it warns): said at its line."""
    for placement in result.placements:
        if not placement.box:
            continue
        for edge, reach in bleed_at_edges(placement.box, grid.trim_box).items():
            if reach >= BLEED_FAR:
                continue
            folio = result.first_page + placement.page - 1
            verdict = "make handoff will refuse it" if reach < BLEED_NEAR else \
                "make handoff will warn"
            warnings.append(f"{article.path}:{placement.line}: picture '{placement.name}' "
                            f"touches the {edge} trim on p. {folio} but runs only "
                            f"{max(reach, 0) / MM:.1f} mm into the bleed (2 mm at least, "
                            f"{grid.bleed / MM:g} mm wanted) — {verdict}; place it to the "
                            "bleed or clear of the trim")
