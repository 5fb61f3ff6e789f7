"""Property: random paragraphs in English, Russian and Kazakh — italic and bold runs (also
inside words), compounds, numbers with spaces, addresses, long words, one-letter words —
set in 1, 2 and 3 columns across column and page breaks, read back from the PDF:

- every character is there as typed (`layout verify`'s character check);
- no word gap narrower than 0.1 em, no glyph outside its column;
- no line ends in a one-letter word (Russian, Kazakh), with '№', or inside a digit group.

`make fuzz` runs many more examples (HYPOTHESIS_PROFILE=fuzz).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pdfplumber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.build import proof
from layout.checks.typo import inside, measure
from layout.checks.verify import verify
from layout.compose.grid import Grid
from layout.content import load_issue
from layout.style.theme import Theme
from layout.style.typesetting import hangs
from tests.conftest import write_minimal_issue

# each module its own count (a profile loaded at import would set every module's)
EXAMPLES = {"ci": 25, "fuzz": 600}[os.environ.get("HYPOTHESIS_PROFILE", "ci")]
# make test runs the same examples every time (a failure there is reproducible and never
# a chance); make fuzz draws new ones, many more
CI = os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci"
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=CI,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

WORDS = {
    "en": ("civil society organisations strengthen democratic institutions independent "
           "monitoring of governmental decisions encourages accountability volunteers "
           "district councils published their spending participatory budget regional "
           "environmental inspection transparency the and of to in community").split(),
    "ru": ("гражданское общество Казахстана развивается неправительственные организации "
           "участвуют в обсуждении законопроектов взаимодействуют с государственными "
           "органами волонтёры районные советы опубликовали расходы экологическая "
           "инспекция прозрачность и о у к а я").split(),
    "kk": ("азаматтық қоғам мемлекеттің дамуына үлес қосады үкіметтік емес ұйымдар "
           "заңнамаларды талқылауға қатысып мемлекеттік органдармен ынтымақтастық жасайды "
           "ауылдық жауап еріктілер аудандық кеңестер шығыстарын жариялады а е о").split(),
}
COMPOUNDS = {
    "en": ["clean-up", "thirty-eight", "Kazakh-language", "well-known", "non-governmental",
           "fact-checking", "nineteen-year-old"],
    "ru": ["по-русски", "из-за", "бизнес-план", "кое-что", "Усть-Каменогорск", "во-вторых"],
    "kk": ["ұлттық-мәдени", "өзін-өзі", "ата-аналар", "ғылыми-зерттеу", "ым-ишара"],
}
ADDRESSES = ["https://www.gov.kz/memleket/entities/stat/press/news/details/12345",
             "stat.gov.kz/official/industry/62/statistic/7", "/var/data/file_name.csv",
             "C:\\reports\\2024\\annual_report.docx", "museum.semey@culture.gov.kz",
             "https://egov.kz/cms/ru/services/business_registration/pass078_mu?lang=ru"]
LONG = ["мемлекеттендірілмегендіктен", "internationalisation", "counter-revolutionaries",
        "ұйымдастырушыларының", "достопримечательностями", "Supercalifragilistic" * 3]
SPACES = (" ", "\u00a0", "\u202f")


def number(draw) -> str:
    groups = draw(st.integers(1, 3))
    space = draw(st.sampled_from(SPACES))
    head = str(draw(st.integers(1, 999)))
    return space.join([head] + [f"{draw(st.integers(0, 999)):03d}" for _ in range(groups)])


@st.composite
def token(draw, language: str) -> str:
    kind = draw(st.sampled_from(["word"] * 8 + ["compound", "number", "address", "long",
                                                "mark", "initials"]))
    if kind == "word":
        text = draw(st.sampled_from(WORDS[language]))
    elif kind == "compound":
        text = draw(st.sampled_from(COMPOUNDS[language]))
    elif kind == "number":
        text = number(draw)
    elif kind == "address":
        text = draw(st.sampled_from(ADDRESSES))
    elif kind == "long":
        text = draw(st.sampled_from(LONG))
    elif kind == "mark":
        text = draw(st.sampled_from(["№ 5", "12,5 %", "–", "«слово»", "(see p. 3)"]))
    else:
        text = draw(st.sampled_from(["K. Tokayev", "А. С. Пушкин", "Ә. Бөкейханов"]))
    style = draw(st.sampled_from(["", "", "", "*", "**", "mid"]))
    if style == "mid" and len(text) > 6 and text.isalpha():
        return f"{text[:2]}**{text[2:5]}**{text[5:]}"
    if style in ("*", "**") and not text.startswith(("*", "_")) and "\\" not in text:
        return f"{style}{text}{style}"
    return text


@st.composite
def article(draw) -> tuple[str, int, str]:
    language = draw(st.sampled_from(["en", "ru", "kk"]))
    columns = draw(st.sampled_from([1, 2, 3]))
    paragraphs = []
    for _ in range(draw(st.integers(2, 7))):
        tokens = draw(st.lists(token(language), min_size=12, max_size=400))
        paragraphs.append(" ".join(tokens) + " " + WORDS[language][0] + ".")
    return language, columns, "\n\n".join(paragraphs)


def columns_of(page, grid: Grid, columns: int) -> list[tuple[float, float]]:
    """The x extents of the page's columns (page numbers from the article's first, 1), where
    the page's TrimBox puts them (a proof's marks move the page on its sheet)."""
    number = page.page_number
    body = grid.body(number)
    shift = page.trimbox[0] - grid.bleed
    width = grid.column_width(columns, number)
    left = body.x + shift
    return [(left + k * (width + grid.gutter), left + k * (width + grid.gutter) + width)
            for k in range(columns)]


@PROPERTY
@given(case=article())
def test_random_paragraphs_keep_every_character_and_the_measure(tmp_path_factory, case):
    language, columns, body = case
    folder = tmp_path_factory.mktemp("engine")
    head = (f"---\nkind: feature\ntitle: \"Property\"\npages: auto\nlanguage: {language}\n"
            f"columns: {columns}\n---\n")
    root = write_minimal_issue(folder / "issue", {"a": head + body + "\n"})
    result = proof(root, folder / "out.pdf", use_cache=False)
    issue = load_issue(root)
    assert not [r.missing for r in verify(result.pdf, issue) if r.differences]

    theme = Theme(issue.theme_path)
    grid = Grid.from_theme(theme, issue.bleed_mm)
    hung = hangs(theme)  # punctuation may hang past a column's edge, by as much as this
    with pdfplumber.open(result.pdf) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c.get("tag") != "Artifact" and c["size"] < 12]
            spans = columns_of(page, grid, columns)
            for char in chars:
                if char["text"].isspace():
                    continue
                assert any(inside(char, a, b, hung) for a, b in spans), \
                    f"p{page.page_number}: '{char['text']}' outside its column"
            for before, space, after in zip(chars, chars[1:], chars[2:], strict=False):
                if space["text"] == " " and not before["text"].isspace() \
                        and not after["text"].isspace() and abs(before["top"] - after["top"]) < 1:
                    gap = after["x0"] - before["x1"]
                    assert gap >= 0.1 * space["size"], \
                        f"p{page.page_number}: {before['text']}|{after['text']} {gap:.2f} pt"
    report = measure(result.pdf)
    assert [pair for pair in report.split_pairs
            if _fits_together(pair, language, grid.column_width(columns, 1))] == []
    if language != "en":
        assert report.one_letter == []
    shutil.rmtree(folder)


def _fits_together(pair: str, language: str, width: float) -> bool:
    """Whether a pair typo found split at a line end ('p1 col 3: … 270 202 186 | word') could
    have stood on one line: a number and what it counts wider than the column must split."""
    from layout.compose.text import Paragraph
    from layout.style.fonts import register_fonts
    from layout.style.styles import text_styles

    head, following = pair.rsplit(" | ", 1)
    words = head.split(": ", 1)[-1].split()
    tail = [words.pop()]
    while words and words[-1].isdigit() and len(tail[0]) == 3 and tail[0].isdigit():
        tail.insert(0, words.pop())  # the digit groups of one number
    root = Path(__file__).resolve().parents[2]
    theme = Theme(root / "issue" / "theme.yaml")
    register_fonts(theme, root / "fonts")
    style = text_styles(theme, language)["body"]
    paragraph = Paragraph(" ".join(tail + [following]), style)
    return paragraph.prepared.width(0, len(paragraph.text)) <= width
