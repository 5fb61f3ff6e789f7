"""The screen edition of tests/issues/elements: its lists, tables, notes, links, charts and
sub- and superscripts as tags, read back as an outsider reads them — the structure tree with
pikepdf, the characters of each marked-content sequence with pdfplumber — never with the
code that wrote them or with our own checker's objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from layout.build import build
from layout.checks.screen import check_screen
from tests.conftest import ROOT, run_cli, write_minimal_issue

ELEMENTS = ROOT / "tests" / "issues" / "elements"


@dataclass
class El:
    """A structure element as read: role, its dictionary, kids (El or (page, mcid) or an
    annotation), and its parent."""

    role: str
    obj: pikepdf.Object
    parent: El | None
    kids: list = field(default_factory=list)

    def find(self, role: str) -> list[El]:
        out = [self] if self.role == role else []
        for kid in self.kids:
            if isinstance(kid, El):
                out += kid.find(role)
        return out

    def elements(self) -> list[El]:
        return [k for k in self.kids if isinstance(k, El)]


class Reading:
    """The tree and each marked-content sequence's characters."""

    def __init__(self, path: Path):
        self.pdf = pikepdf.open(path)
        self.pages = {p.obj.objgen: k for k, p in enumerate(self.pdf.pages)}
        root = self.pdf.Root.StructTreeRoot
        self.root = El("StructTreeRoot", root, None)
        self._kids(self.root, root.K, None)
        with pdfplumber.open(path) as doc:
            self.chars: dict[tuple[int, int], str] = {}
            for k, page in enumerate(doc.pages):
                for c in page.chars:
                    if c.get("mcid") is not None:
                        key = (k, int(c["mcid"]))
                        self.chars[key] = self.chars.get(key, "") + c["text"]

    def _kids(self, el: El, kids, page) -> None:
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        page = el.obj.get("/Pg", page)
        for kid in kids:
            if isinstance(kid, int):
                el.kids.append((self.pages[page.objgen], int(kid)))
            elif kid.get("/Type") == pikepdf.Name.MCR:
                el.kids.append((self.pages[kid.get("/Pg", page).objgen], int(kid.MCID)))
            elif kid.get("/Type") == pikepdf.Name.OBJR:
                el.kids.append(kid.Obj)
            else:
                child = El(str(kid.S), kid, el)
                el.kids.append(child)
                self._kids(child, kid.get("/K", pikepdf.Array()), page)

    def text(self, el: El) -> str:
        out = []
        for kid in el.kids:
            if isinstance(kid, El):
                out.append(self.text(kid))
            elif isinstance(kid, tuple):
                out.append(self.chars.get(kid, ""))
        return "".join(out).replace("\u00ad", "")

    def articles(self) -> list[El]:
        (document,) = self.root.elements()
        return document.elements()

    def article(self, title_start: str) -> El:
        return next(a for a in self.articles() if str(a.obj.get("/T", "")).startswith(
            title_start))


@pytest.fixture(scope="session")
def elements_screen(tmp_path_factory) -> Path:
    return build(ELEMENTS, tmp_path_factory.mktemp("elements-screen") / "elements-screen.pdf",
                 edition="screen")


@pytest.fixture(scope="session")
def reading(elements_screen) -> Reading:
    return Reading(elements_screen)


def test_elements_issue_passes_both_checkers_and_ours(elements_screen):
    report = check_screen(elements_screen, ELEMENTS)
    for checker in report.checkers:
        assert checker.passed, checker.output
    assert not report.findings, [str(f) for f in report.findings]


def test_lists_are_l_li_lbl_lbody_and_nested_lists_nest(reading):
    article = reading.article("Forty sensors")
    top = [el for el in article.find("/L") if el.parent.role != "/LBody"]
    numbered, bulleted = top[:2]
    items = [li for li in numbered.elements()]
    assert [li.role for li in items] == ["/LI"] * 3
    for k, li in enumerate(items, 1):
        assert [kid.role for kid in li.elements()] == ["/Lbl", "/LBody"]
        assert reading.text(li.elements()[0]) == f"{k}."
    assert reading.text(items[1].elements()[1]).startswith("every reading is published")
    # the bulleted list's second item holds the nested list in its LBody, after its text
    second = bulleted.elements()[1]
    body = second.elements()[1]
    assert [kid.role for kid in body.elements()] == ["/P", "/L"]
    nested = body.elements()[1]
    assert len(nested.elements()) == 2
    assert reading.text(nested.elements()[1]).endswith("has usually frozen;")
    assert len(bulleted.elements()) == 3  # the item after the nested list is the outer list's


def test_tables_have_header_cells_with_scope_and_a_repeated_header_is_an_artifact(
        reading, elements_screen):
    article = reading.article("Forty sensors")
    (table,) = article.find("/Table")
    roles = [kid.role for kid in table.elements()]
    assert roles == ["/Caption", "/THead", "/TBody"]
    assert reading.text(table.elements()[0]).startswith("Days over the limit, winters")
    (head_row,) = table.elements()[1].elements()
    headers = head_row.elements()
    assert [h.role for h in headers] == ["/TH"] * 4
    assert all(h.obj.A.Scope == pikepdf.Name.Column for h in headers)
    assert [reading.text(h) for h in headers] == ["District", "Sensors", "Days over the limit",
                                                  "Worst day, µg/m3"]
    rows = table.elements()[2].elements()
    assert len(rows) == 28 and all(len(r.elements()) == 4 for r in rows)
    assert [reading.text(c) for c in rows[0].elements()] == ["Zhetysu", "6", "94", "212.5"]
    assert [reading.text(c) for c in rows[-1].elements()][0] == "Microdistrict 14"
    # the table runs on to page 2, where its header is drawn again: as an artifact
    pages = {kid[0] for row in rows for cell in row.elements() for kid in cell.kids
             if isinstance(kid, tuple)}
    assert pages == {0, 1}
    with pdfplumber.open(elements_screen) as pdf:
        repeated = "".join(c["text"] for c in pdf.pages[1].chars
                           if c.get("tag") == "Artifact")
    assert "DistrictSensorsDays over the limit" in repeated


def test_notes_have_ids_and_their_calls_link_to_them(reading):
    ids, calls = [], 0
    for article in reading.articles():
        notes = article.find("/Note")
        for note in notes:
            ids.append(str(note.obj.ID))
            assert note.elements()[0].role == "/Lbl"
        for reference in article.find("/Reference"):
            (link,) = reference.elements()
            calls += 1
            assert link.role == "/Link"
            number = reading.text(link)
            (annotation,) = [k for k in link.kids if isinstance(k, pikepdf.Dictionary)]
            assert annotation.Subtype == pikepdf.Name.Link
            target = next(n for n in notes if reading.text(n.elements()[0]) == number)
            note_pages = {k[0] for k in target.elements()[0].kids}
            assert reading.pages[annotation.Dest[0].objgen] in note_pages
    assert len(ids) == len(set(ids)) == 6  # every note of the issue, each its own ID
    assert calls == 6
    id_tree = reading.pdf.Root.StructTreeRoot.IDTree.Names
    assert sorted(str(id_tree[k]) for k in range(0, len(id_tree), 2)) == sorted(ids)


def test_a_typed_link_is_one_link_with_its_address_and_annotation(reading):
    article = reading.article("Forty sensors")
    links = {reading.text(link): link for link in article.find("/Link")
             if link.parent.role != "/Reference"}
    text = "the project's open map (https://pavlodar-air.kz/map?lang=en)"
    assert text in links  # the linked words and the address printed after them
    annotations = [k for k in links[text].kids if isinstance(k, pikepdf.Dictionary)]
    assert annotations  # one per line the link's words are on
    for annotation in annotations:
        assert str(annotation.A.URI) == "https://pavlodar-air.kz/map?lang=en"
        assert str(annotation.Contents) == "link to https://pavlodar-air.kz/map?lang=en"
        assert annotation.StructParent is not None


def test_charts_are_figures_with_alt_made_from_their_data(reading):
    alts = [str(f.obj.Alt) for a in reading.articles() for f in a.find("/Figure")]
    assert ("bar chart: Days over the limit by heating (days a winter, average of two "
            "winters): Coal boilers 82; Mixed 47,5; Central network 21. Source: Pavlodar "
            "parents' air network") in alts
    assert any(alt.startswith("сызықтық график: Құбырға қосылған үйлер саны: 2021 0;")
               for alt in alts)  # in the article's language
    assert any(alt.startswith("столбчатая диаграмма: Средний бюджет НКО, млн ₸")
               for alt in alts)


def test_sub_and_superscripts_are_in_their_paragraph(reading):
    article = reading.article("Forty sensors")
    paragraphs = [reading.text(p) for p in article.find("/P")]
    assert any("fine particulate matter (PM2.5 and PM10), nitrogen dioxide (NO2)" in p
               and "35 µg/m3 averaged" in p for p in paragraphs)


def test_a_charts_own_alt_is_said_and_not_printed(tmp_path):
    body = ("---\nkind: feature\nsection: DATA\ntitle: \"A chart\"\npages: 4\ncolumns: 2\n---\n\n"
            "The shares were counted twice.\n\n::: chart pie Shares of the vote\n"
            "alt: Playgrounds won more than a third of the vote, street lights a quarter.\n"
            "Playgrounds | 38 %\nStreet lights | 27 %\nOther | 35 %\n:::\n")
    root = write_minimal_issue(tmp_path / "issue", {"chart": body})
    screen = Reading(build(root, tmp_path / "s.pdf", edition="screen", use_cache=False))
    (figure,) = screen.articles()[0].find("/Figure")
    assert str(figure.obj.Alt) == ("Playgrounds won more than a third of the vote, street "
                                   "lights a quarter.")
    assert "Playgrounds" in screen.text(figure)  # its words are still there, in the figure
    printed = build(root, tmp_path / "p.pdf", use_cache=False)
    with pdfplumber.open(printed) as pdf:
        assert "won more" not in "".join(page.extract_text() for page in pdf.pages)


PASSAGES = """---
kind: feature
section: VOICES
title: "Three languages on one page"
pages: 4
columns: 2
language: en
---

The elders of the aul greet a guest with [«Қош келдіңіз, төрлетіңіз»]{lang=kk}, and the
guest answers in kind. A visitor from the city read the sign over the door, [«Добро
пожаловать» at [the school's site](https://mektep.kz/)]{lang=ru}, and went in.

[Гражданское общество в регионах росло весь год: новые группы регистрируются каждый месяц,
а старые берут на себя работу, которую государство оставило.]{lang=ru}

An English paragraph again, with nothing in another language. Then a guest said
[«Рақмет»  ]{lang=kk}  twice, and the passage ends where the spaces do.
"""


@pytest.fixture(scope="session")
def passages(tmp_path_factory) -> tuple[Path, Path]:
    root = write_minimal_issue(tmp_path_factory.mktemp("passages") / "issue",
                               {"voices": PASSAGES})
    return root, build(root, root.parent / "voices-screen.pdf", edition="screen",
                       use_cache=False)


def test_passages_in_another_language_say_theirs(passages):
    root, pdf = passages
    reading = Reading(pdf)
    (article,) = reading.articles()
    assert str(article.obj.Lang) == "en"  # from its front matter
    paragraphs = article.find("/P")
    whole = [p for p in paragraphs if reading.text(p).startswith("Гражданское общество")]
    assert [str(p.obj.get("/Lang")) for p in whole] == ["ru"]  # the paragraph's own
    spans = {reading.text(s): str(s.obj.Lang) for s in article.find("/Span")
             if "/Lang" in s.obj}
    assert spans["«Қош келдіңіз, төрлетіңіз»"] == "kk"
    assert any(text.startswith("«Добро") and lang == "ru" for text, lang in spans.items())
    # a passage ending in spaces that are not drawn ends before the next word all the same
    assert [t.strip() for t in spans if t.startswith("«Рақмет»")] == ["«Рақмет»"]
    (link,) = [k for k in article.find("/Link") if reading.text(k).startswith("the school")]
    assert str(link.obj.Lang) == "ru"  # a link inside a passage is in its language
    assert not [p for p in paragraphs if reading.text(p).startswith("An English")
                and "/Lang" in p.obj]  # the article's language is its paragraphs' own
    report = check_screen(pdf, root)
    for checker in report.checkers:
        assert checker.passed, checker.output
    assert not report.findings, [str(f) for f in report.findings]


def test_a_passage_prints_as_typed_without_its_markup(passages, tmp_path):
    root, _ = passages
    printed = build(root, tmp_path / "p.pdf", use_cache=False)
    with pdfplumber.open(printed) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "{lang" not in text and "]{" not in text
    assert "төрлетіңіз" in text
    result = run_cli("verify", printed, root)  # every character as typed, in order
    assert result.exit_code == 0, result.output


def test_a_span_with_anything_but_a_language_is_an_error_at_its_line(tmp_path):
    body = PASSAGES.replace("{lang=kk}", "{.kazakh}")
    root = write_minimal_issue(tmp_path / "issue", {"voices": body})
    result = run_cli("build", root, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert "voices.md:10: a span's '{class=kazakh}' is not a language" in result.output
    assert "[text]{lang=kk}" in result.output
    assert not (tmp_path / "x.pdf").exists()
