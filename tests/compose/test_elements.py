"""The body's elements read back from the PDF: lists, tables, notes, links, sub- and
superscripts, hard line breaks and charts (tests/issues/elements: en, ru, kk in 1, 2 and 3
columns, across column and page breaks), and text that Markdown used to rewrite."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from layout.build import build
from layout.checks.verify import verify
from layout.content import load_issue
from layout.content.model import ListBlock, Notes
from tests.conftest import ROOT, run_cli, write_minimal_issue
from tests.readers import fonts, glyph_bounds

ELEMENTS = ROOT / "tests" / "issues" / "elements"
TOLERANCE = 0.6  # pt


@pytest.fixture(scope="module")
def elements_pdf(tmp_path_factory) -> Path:
    return build(ELEMENTS, tmp_path_factory.mktemp("elements") / "elements.pdf")


@pytest.fixture(scope="module")
def pages(elements_pdf):
    with pdfplumber.open(elements_pdf) as pdf:
        yield [[c for c in page.chars if c.get("tag") != "Artifact"] for page in pdf.pages]


@pytest.fixture(scope="module")
def elements_issue():
    return load_issue(ELEMENTS)


def lines_of(chars: list[dict]) -> list[list[dict]]:
    """Chars grouped into lines: one baseline and no gap wider than a column gutter."""
    rows: dict[float, list[dict]] = {}
    for char in chars:
        rows.setdefault(round(char["bottom"], 1), []).append(char)
    out = []
    for _, row in sorted(rows.items()):
        row.sort(key=lambda c: c["x0"])
        line = [row[0]]
        for char in row[1:]:
            if char["x0"] - line[-1]["x1"] > 9:  # a gutter: the next column's line
                out.append(line)
                line = []
            line.append(char)
        out.append(line)
    return out


def rows_of(chars: list[dict], keep=lambda char: True) -> list[list[dict]]:
    """Chars grouped by baseline only (a table row, whatever the gaps between its cells)."""
    rows: dict[float, list[dict]] = {}
    for char in chars:
        if keep(char):
            rows.setdefault(round(char["matrix"][5], 1), []).append(char)
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items(),
                                                                     reverse=True)]


def rise(char: dict, letter: dict) -> float:
    """How far `char` is set above (below: negative) the baseline of `letter` beside it, from
    the glyph boxes (the text rise is in them, not in the text matrix)."""
    descent = (letter["y0"] - letter["matrix"][5]) / letter["size"]
    return (char["y0"] - descent * char["size"]) - letter["matrix"][5]


def cells_of(row: list[dict], gap: float = 3.0) -> list[tuple[str, float, float]]:
    """A table row's cells: (text, x0, x1), apart where the glyphs stand `gap` pt apart."""
    cells: list[list[dict]] = [[row[0]]]
    for char in row[1:]:
        if char["x0"] - cells[-1][-1]["x1"] > gap:
            cells.append([])
        cells[-1].append(char)
    return [("".join(c["text"] for c in cell).strip(), cell[0]["x0"],
             max(c["x1"] for c in cell if not c["text"].isspace()))
            for cell in cells if "".join(c["text"] for c in cell).strip()]


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u00ad]", "", text).replace("\u2010", "-")


def text_of(line: list[dict]) -> str:
    return "".join(c["text"] for c in line)


def test_the_elements_issue_verifies(elements_pdf, elements_issue):
    reports = verify(elements_pdf, elements_issue)
    assert [r.missing for r in reports if r.missing] == [[] for r in reports if r.missing]
    assert sum(r.expected for r in reports) > 8000


def test_every_wrapped_list_line_hangs_under_the_text_not_the_marker(pages, elements_issue):
    """Each item's marker stands left of its text; each wrapped line starts where the text
    of the item's first line starts."""
    checked = wrapped = 0
    all_lines = [(k, line) for k, page in enumerate(pages) for line in lines_of(page)]
    for article in elements_issue.articles:
        for block in article.blocks:
            if not isinstance(block, ListBlock):
                continue
            for item in block.items:
                want = squeeze(item.text)
                for n, (page, line) in enumerate(all_lines):
                    cut = next((j for j in range(1, min(len(line), 6))
                                if line[j]["x0"] - line[j - 1]["x1"] > 2.5), 0)
                    if not cut:
                        continue
                    marker, rest = line[cut - 1], line[cut:]
                    body = squeeze(text_of(rest))
                    if not body or not want.startswith(body[:12]) or len(body) < 6:
                        continue
                    text_x = next(c["x0"] for c in rest if not c["text"].isspace())
                    assert marker["x1"] < text_x - 1, (item.text, text_of(line))
                    covered, m = body, n + 1
                    while len(covered) < len(want) and m < len(all_lines):
                        next_page, following = all_lines[m]
                        if next_page != page or abs(following[0]["x0"] - text_x) > 40:
                            m += 1  # another column's line at this height
                            continue
                        following_text = squeeze(text_of(following))
                        if not want[len(covered):].startswith(following_text[:6]):
                            m += 1
                            continue
                        assert abs(following[0]["x0"] - text_x) < TOLERANCE, (
                            f"{item.text[:40]}…: a wrapped line starts at "
                            f"{following[0]['x0']:.1f}, its text at {text_x:.1f}")
                        covered += following_text
                        wrapped += 1
                        m += 1
                    checked += 1
                    break
    assert checked >= 20 and wrapped >= 10, (checked, wrapped)


def test_markers_follow_the_language(pages):
    text = "".join(c["text"] for page in pages for c in page)
    ru = "".join(c["text"] for page in pages[2:4] for c in page)
    kk = "".join(c["text"] for page in pages[4:6] for c in page)
    assert "а)экология" in ru and "б)помощь" in ru and "в)гражданское" in ru
    assert "а)темір" in kk and "ә)тұздылығы" in kk  # the Kazakh alphabet: а ә б
    assert "•" in text and "–" in text


def test_table_numbers_align_on_their_decimal_sign_and_the_header_repeats(pages):
    """The en table: 'Worst day' figures' decimal points (and the ends of whole numbers) stand
    at one x; the table splits to the next page and repeats its header there."""
    middle = 612.2835 / 2
    halves = [(pages[0], lambda c: c["x0"] > middle), (pages[1], lambda c: c["x0"] < middle)]
    header_pages = [k for k, (page, keep) in enumerate(halves) for line in rows_of(page, keep)
                    if squeeze(text_of(line)).startswith("DistrictSensorsDaysoverthe")]
    assert header_pages == [0, 1]  # the header, and again where the table continues
    checked = 0
    for page, keep in halves:
        points, ends, sensors = [], [], []
        for line in rows_of(page, keep):
            cells = cells_of(line)
            if len(cells) != 4 or not re.fullmatch(r"[\d.]+", cells[3][0]) \
                    or not cells[1][0].isdigit():
                continue
            figure, x0, x1 = cells[3]
            sensors.append(cells[1][2])
            if "." in figure:
                point = next(c for c in line if c["text"] == "." and x0 <= c["x0"] <= x1)
                points.append(point["x0"])
            else:
                ends.append(x1)
        assert points and ends
        checked += len(points) + len(ends)
        assert max(points) - min(points) < TOLERANCE
        assert all(abs(end - points[0]) < TOLERANCE for end in ends)
        assert max(sensors) - min(sensors) < TOLERANCE  # flush right
    assert checked == 28  # every body row


def test_table_cells_stand_in_their_columns(pages):
    """Every row of the ru table (across the type area): each column's figures end at one x
    (its decimal commas one above the other), its names start at one x."""
    rows = [cells_of(row) for row in rows_of(pages[2]) if text_of(row).startswith("«")]
    assert len(rows) == 6 and all(len(row) == 6 for row in rows)
    for column in range(6):
        cells = [row[column] for row in rows]
        if column < 2:
            assert max(c[1] for c in cells) - min(c[1] for c in cells) < TOLERANCE
            continue
        commas = [c for c in cells if "," in c[0]]
        whole = [c for c in cells if "," not in c[0]]
        if commas and whole:  # the figures' commas align with the ends of whole numbers
            ends = {round(c[2] - (c[2] - c[1]) * (len(c[0]) - c[0].index(",")) / len(c[0]), 0)
                    for c in commas}
            assert len(ends) <= 2, (column, cells)
        assert max(c[1] for c in cells) > min(c[1] for c in cells) - 60  # one column
        assert all(rows[0][column - 1][2] < c[1] for c in cells)  # right of the one before


def test_note_calls_are_the_faces_superior_figures_and_notes_are_on_the_article_end(
        elements_pdf, pages, elements_issue):
    chars = pages[0]
    text = "".join(c["text"] for c in chars)
    at = text.index("boilers") + len("boilers")
    call, letter = chars[at], chars[at - 1]
    assert call["text"] == "1"
    assert_superior(elements_pdf, call, letter, "NotoSerif-Regular.ttf", "sups")
    note_pages = [k for k, page in enumerate(pages)
                  if "The three district boilers burn coal" in "".join(c["text"] for c in page)]
    assert note_pages == [1]  # the article's last page
    note_chars = pages[1]
    note_text = "".join(c["text"] for c in note_chars)
    number = note_chars[note_text.index("The three district") - 1]
    assert number["text"] == "1"  # the note starts with its call's number
    article = elements_issue.articles[0]
    notes = next(b for b in article.blocks if isinstance(b, Notes))
    assert [n.number for n in notes.notes] == [1, 2]


def feature_glyph(face_file: str, feature: str, ch: str) -> str:
    """The glyph the face's GSUB `feature` puts for ch (read by fontTools, not HarfBuzz)."""
    font = TTFont(ROOT / "fonts" / face_file)
    gsub = font["GSUB"].table
    name = font.getBestCmap()[ord(ch)]
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == feature:
            for index in record.Feature.LookupListIndex:
                for table in gsub.LookupList.Lookup[index].SubTable:
                    table = getattr(table, "ExtSubTable", table)
                    if name in getattr(table, "mapping", {}):
                        return table.mapping[name]
    raise LookupError(f"{face_file} has no {feature} glyph for {ch!r}")


def assert_superior(pdf: Path, char: dict, letter: dict, face_file: str, feature: str):
    """`char` is drawn with the face's own `feature` glyph (its ink box read from the font
    embedded equals that glyph's in the face's file), at the size of the text beside it and
    on its baseline: the glyph itself is small and raised (sups) or lowered (subs)."""
    font = TTFont(ROOT / "fonts" / face_file)
    glyph = font["glyf"][feature_glyph(face_file, feature, char["text"])]
    em = font["head"].unitsPerEm
    wanted = (glyph.xMin / em, glyph.yMin / em, glyph.xMax / em, glyph.yMax / em)
    drawn = glyph_bounds(pdf, char["fontname"], char["text"])
    assert drawn == pytest.approx(wanted, abs=1e-3), (char["fontname"], drawn, wanted)
    assert char["size"] == pytest.approx(letter["size"])
    assert rise(char, letter) == pytest.approx(0, abs=0.01)  # no synthesised rise
    height = drawn[3] - drawn[1]
    assert height < 0.5  # em: a small glyph …
    assert drawn[1] > 0.3 if feature == "sups" else drawn[1] < 0  # … raised or lowered


def test_sub_and_superscripts_in_text_headings_and_cells(elements_pdf, pages):
    def at(page: int, before: str, ch: str) -> tuple[dict, dict]:
        chars = pages[page]
        text = "".join(c["text"] for c in chars)
        where = text.index(before) + len(before)
        assert chars[where]["text"] == ch
        return chars[where], chars[where - 1]

    char, letter = at(0, "(PM", "2")  # PM~2.5~: the face has no inferior full stop, so the
    size, shift = char["size"] / letter["size"], rise(char, letter)  # run is synthesised
    assert size < 0.8 and shift < -1
    assert_superior(elements_pdf, *at(0, "and PM", "1"), "NotoSerif-Regular.ttf", "subs")
    assert_superior(elements_pdf, *at(0, "(NO", "2"), "NotoSerif-Regular.ttf", "subs")
    assert_superior(elements_pdf, *at(0, "µg/m", "3"), "NotoSerif-Regular.ttf", "sups")
    text = "".join(c["text"] for c in pages[0])
    assert text.count("µg/m3") == 2
    header = [k for k, c in enumerate(pages[0]) if c["fontname"].endswith("NotoSans-Bold-sups")]
    assert [pages[0][k]["text"] for k in header] == ["3"]  # in the table header, bold
    assert pages[0][header[0] - 1]["text"] == "m"
    assert_superior(elements_pdf, pages[0][header[0]], pages[0][header[0] - 1],
                    "NotoSans-Bold.ttf", "sups")
    ru = "".join(c["text"] for page in pages[2:4] for c in page)
    assert "отчёты и CO2" in ru  # in a subhead


def test_hard_line_breaks_end_lines(pages):
    lines = [squeeze(text_of(line)) for line in lines_of(pages[1])]
    assert "School No. 12, 14 Toraighyrov Street".replace(" ", "") in lines
    kk = [squeeze(text_of(line)) for page in pages[4:6] for line in lines_of(page)]
    assert "Сусызауыл–боскөңіл." in kk


def test_links_print_their_text_and_address(pages):
    text = " ".join("".join(c["text"] for c in page) for page in pages).replace("\u2010", "-")
    assert "open map (https://pavlodar-air.kz/map?lang=en)" in re.sub(r"[\u00ad]", "", text) \
        or "open map (https://pavlodar-" in text
    assert "info@pavlodar-air.kz" in text and "(info@" not in text  # <address> alone


def test_chart_labels_and_values_are_text_in_embedded_faces(elements_pdf, pages):
    chars = [c for page in pages[:2] for c in page]
    text = "".join(c["text"] for c in chars)
    for label in ("Coal boilers", "Mixed", "Central network", "82", "47,5", "21"):
        assert label in text
    at = text.index("Coal boilers")
    assert "NotoSans" in chars[at]["fontname"] and "+" in chars[at]["fontname"]
    names = [f.name for f in fonts(elements_pdf)]
    assert all(f.embedded for f in fonts(elements_pdf))
    assert not [n for n in names if re.search("Helvetica|Times|Courier|Symbol|Dingbats", n)]
    ru = "".join(c["text"] for c in pages[2] + pages[3])
    for value in ("11,2", "12,8", "14,1", "17,9", "22,6", "2019", "2023"):
        assert value in ru


def test_charts_are_cmyk_only(elements_pdf):
    import pikepdf

    with pikepdf.open(elements_pdf) as pdf:
        for page in pdf.pages:
            stream = b"".join(part.read_bytes() for part in (
                page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]))
            assert not re.search(rb"\s(rg|RG|g|G|sc|SC|scn|SCN)\s", stream)


def article(body: str, columns: int = 1) -> str:
    return f"---\nkind: feature\ntitle: \"Typed\"\npages: 1\ncolumns: {columns}\n---\n{body}\n"


def small_issue(tmp_path, body: str) -> tuple[object, Path]:
    articles = {"a": article(body), **{f"b{k}": article("Text.") for k in range(3)}}
    root = write_minimal_issue(tmp_path / "issue", articles)
    return run_cli("build", root, "-o", tmp_path / "out.pdf"), root


def test_typed_characters_are_never_rewritten(tmp_path):
    typed = ("Clause 5(c), (r) and (tm); +- 3; ???? and !!!! ,, -- --- ... \"straight\" "
             "'quotes' C:\\Users\\admin \\\\server\\share ¯\\_(o)_/¯ snake_case_name_ "
             "2023\\. a\\-b")
    result, root = small_issue(tmp_path, typed)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars if c.get("tag") != "Artifact")
    text = re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("\u2010", "-"))
    for piece in ("5(c)", "(r)", "(tm)", "+- 3", "???? and !!!!", ",, -- --- ...",
                  "\"straight\" 'quotes'", "C:\\Users\\admin", "\\\\server\\share",
                  "¯\\_(o)_/¯", "snake_case_name_", "2023\\.", "a\\-b"):
        assert piece in text, piece
    assert not re.search("[©®™±…“”‘’]", text)
    assert not [r.missing for r in verify(tmp_path / "out.pdf", load_issue(root))
                if r.missing]


def test_verify_fails_a_pdf_that_printed_the_markup(tmp_path):
    """A PDF where the list, the table and the note printed as typed (here: escaped, as an
    older build printed them) fails verify against the source that asks for them."""
    source = ("Boilers[^1] burn coal.\n\n- first item\n- second item\n\n1. one\n2. two\n\n"
              "| Year | Days |\n"
              "|------|-----:|\n| 2023 | 94 |\n\n[^1]: Resolution of the council.")
    raw = ("Boilers\\[^1] burn coal.\n\n\\- first item\n\\- second item\n\n1\\. one\n2. two\n\n"
           "\\| Year \\| Days "
           "\\|\n\\|------\\|-----:\\|\n\\| 2023 \\| 94 \\|\n\n\\[^1]: Resolution of the "
           "council.")
    result, root = small_issue(tmp_path / "raw", raw)
    assert result.exit_code == 0, result.output
    real = write_minimal_issue(tmp_path / "real", {
        "a": article(source), **{f"b{k}": article("Text.") for k in range(3)}})
    reports = verify(tmp_path / "raw" / "out.pdf", load_issue(real))
    found = "\n".join(m for r in reports for m in r.missing)
    assert "'- (markup)'" in found and "'1. (markup)'" in found and "'2. (markup)'" in found
    assert "'| 2023" in found or "|(markup)" in found or "(markup)" in found
    assert "[^1]" in found


def test_a_table_too_wide_for_the_type_area_is_an_error_at_its_line(tmp_path):
    body = "Text.\n\n| Name | Value |\n|---|---|\n| " + "x" * 160 + " | 1 |\n"
    result, root = small_issue(tmp_path, body)
    assert result.exit_code == 2
    assert f"{root / 'articles' / 'a.md'}:9: the table is too wide to set" in result.stderr


def test_a_table_in_three_columns_spans_the_type_area_when_it_must(tmp_path):
    cells = " | ".join(f"Heading{k}" for k in range(6))
    rows = "\n".join("| " + " | ".join(f"{k * 1000 + j}.5" for j in range(6)) + " |"
                     for k in range(5))
    body = ("Text of the article.\n\n| " + cells + " |\n|" + "---:|" * 6 + "\n" + rows + "\n")
    articles = {"a": article(body, columns=3), **{f"b{k}": article("Text.") for k in range(3)}}
    root = write_minimal_issue(tmp_path / "issue", articles)
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
    head = [w for w in words if w["text"].startswith("Heading")]
    assert len(head) == 6 and len({round(w["bottom"]) for w in head}) == 1  # one line
    column = (page.width - 2 * 45) / 3  # a third of the type area at most
    assert max(w["x1"] for w in head) - min(w["x0"] for w in head) > column * 1.4


def test_a_list_keeps_with_the_paragraph_that_introduces_it(pages, elements_issue):
    """The first item of every list is set right under the last line of the paragraph
    before it: same page, same column, the next line or two."""
    from layout.content.model import Para

    all_lines = [(k, line) for k, page in enumerate(pages) for line in lines_of(page)]
    checked = 0
    for article in elements_issue.articles:
        for before, block in zip(article.blocks, article.blocks[1:], strict=False):
            if not (isinstance(block, ListBlock) and isinstance(before, Para)):
                continue
            tail = squeeze(before.text)[-3:]  # the paragraph's last word may be hyphenated
            head = squeeze(block.items[0].text)[:14]
            start = next((k, line) for k, line in all_lines if head in squeeze(text_of(line)))
            ends = [(k, line) for k, line in all_lines if squeeze(text_of(line)).endswith(tail)
                    and k == start[0] and line[0]["bottom"] < start[1][0]["bottom"]]
            assert ends, block.items[0].text  # on the same page
            end = max(ends, key=lambda found: found[1][0]["bottom"])
            assert abs(end[1][0]["x0"] - start[1][0]["x0"]) < 30  # the same column
            assert 0 < start[1][0]["bottom"] - end[1][0]["bottom"] < 30  # the next line
            checked += 1
    assert checked >= 6


def test_the_print_pdf_has_no_link_annotations(elements_pdf):
    import pikepdf

    with pikepdf.open(elements_pdf) as pdf:
        assert not [page for page in pdf.pages if "/Annots" in page.obj]


def test_an_intro_paragraph_that_ends_a_column_takes_its_list_along():
    """Where the paragraph fits the column but the list's first item does not, its last
    lines go to the next column with the item: the item never starts a column alone."""
    from layout.compose.lists import Hanging, LeadIn
    from layout.compose.text import Paragraph
    from layout.style.fonts import register_fonts
    from layout.style.styles import text_styles
    from layout.style.theme import Theme

    theme = Theme(ROOT / "issue" / "theme.yaml")
    register_fonts(theme, ROOT / "fonts")
    styles = text_styles(theme, "en")
    intro = Paragraph("The project kept three rules from the start, and the volunteers who "
                      "read the data each morning worked in pairs with a checklist: " * 3,
                      styles["body"])
    item = Hanging(Paragraph("every sensor is calibrated against the official station for "
                             "two weeks before it goes on a roof", styles["list"]), 12.0,
                   Paragraph("1.", styles["list-marker"]), 0.0, 8.0)
    width = 160.0
    _, intro_height = intro.wrap(width, 1e6)
    parts = LeadIn(intro, item).split(width, intro_height + 1)
    assert len(parts) == 2
    first, rest = parts
    assert isinstance(first, Paragraph) and len(first.lines) < len(intro.lines)
    assert isinstance(rest, LeadIn) and rest.first is item  # the item goes with the tail
    assert len(rest.intro.lines) >= 2


def test_table_rules_are_black_only_and_overprint(elements_pdf):
    """The rules are 100 % K strokes painted with overprint on (OP true, OPM 1)."""
    import pikepdf

    with pikepdf.open(elements_pdf) as pdf:
        page = pdf.pages[0]
        contents = page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]
        stream = b"".join(part.read_bytes() for part in contents)
        states = page.Resources.ExtGState
        strokes = re.findall(rb"0 0 0 1 K\s+[\d.]+ w\s+n [\d. ]+m [\d. ]+l /(\w+) gs S",
                             stream)
        assert len(strokes) >= 1
        for name in strokes:
            state = states["/" + name.decode()]
            assert bool(state.OP) and int(state.OPM) == 1


def test_a_chart_taller_than_a_column_is_an_error_at_its_line(tmp_path):
    rows = "".join(f"Row label {k} with a long name that wraps over several lines in a narrow "
                   f"column | {k}\n" for k in range(24))
    body = f"Text.\n\n::: chart bar Many rows\n{rows}:::\n"
    articles = {"a": article(body, columns=3), **{f"b{k}": article("Text.") for k in range(3)}}
    root = write_minimal_issue(tmp_path / "issue", articles)
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2
    assert f"{root / 'articles' / 'a.md'}:9: the chart is taller than a column" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_the_theme_says_how_lists_look_and_is_checked(tmp_path):
    body = "Rules:\n\n- calibrated sensors\n- published readings\n"
    articles = {"a": article(body), **{f"b{k}": article("Text.") for k in range(3)}}
    root = write_minimal_issue(tmp_path / "issue", articles)
    theme = root / "theme.yaml"
    original = theme.read_text()
    theme.write_text(original + "\nlist:\n  align: justfy\n")
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2 and "'justfy' is not one of justify, left" in result.stderr
    theme.write_text(original + "\nlist:\n  bullets: \"▪ – ‣\"\n")  # not in Noto Serif
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 2 and "the list marker '▪' (U+25AA) is not in the face" \
        in result.stderr
    theme.write_text(original + "\nlist:\n  bullets: \"‣ – •\"\n  marker_colour: gold\n")
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        markers = [c for c in pdf.pages[0].chars if c["text"] == "‣"]
    assert len(markers) == 2
    assert all(tuple(c["non_stroking_color"]) == (0, 0.25, 1, 0) for c in markers)


def test_whole_numbers_with_a_unit_align_with_decimal_ones(tmp_path):
    body = "Shares:\n\n| Item | Share |\n|---|---:|\n| A | 12.5 % |\n| B | 14 % |\n| C | 7 |\n"
    result, root = small_issue(tmp_path, body)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        chars = [c for c in pdf.pages[0].chars if c.get("tag") != "Artifact"]
    rows = {text_of(row).replace(" ", ""): row for row in rows_of(chars)}
    ends = []
    for text, last in (("A12.5%", "2"), ("B14%", "4"), ("C7", "7")):
        row = [c for c in rows[text] if not c["text"].isspace()]
        digits = [c for c in row if c["text"] == last]
        ends.append(digits[-1]["x1"])
    assert max(ends) - min(ends) < TOLERANCE  # the whole digits end at one x


def test_link_addresses_as_notes_are_numbered_with_the_articles_notes(tmp_path):
    body = ("Read [the report](https://example.org/report.pdf) first, then the resolution[^r]."
            "\n\n- see [the map](https://map.example.org/x)\n- and <https://plain.example.org>"
            "\n\n| Source | Where |\n|---|---|\n| Council | [site](https://council.example.org) |"
            "\n\n[^r]: The resolution, also at [the archive](https://archive.example.org/r).")
    articles = {"a": article(body, columns=2), **{f"b{k}": article("Text.") for k in range(3)}}
    root = write_minimal_issue(tmp_path / "issue", articles)
    theme = root / "theme.yaml"
    theme.write_text(theme.read_text() + "\nlink:\n  address: note\n")
    result = run_cli("build", root, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars if c.get("tag") != "Artifact")
    text = text.replace("\u00ad", "").replace("\u2010", "-")
    assert "the report1 first, then the resolution2." in text
    assert "the map3" in text and "site4" in text and "plain.example.org3" not in text
    notes = text[text.index("Notes"):]
    assert notes.index("1https://example.org/report.pdf") < notes.index("2The resolution") \
        < notes.index("3https://map.example.org/x") < notes.index("4https://council")
    assert "the archive (https://archive.example.org/r)" in notes  # a link in a note
    assert not [r.missing for r in verify(tmp_path / "out.pdf", load_issue(root))
                if r.missing]


@pytest.mark.parametrize("page, intro, after_start", [
    (0, "fromthestart:", "Thevolunteerswhoread"),  # numbered, after its intro
    (0, "monitoringdoes:", None),  # bulleted, two levels, to the column's foot
])
def test_list_items_stand_evenly_on_the_baseline_grid(pages, page, intro, after_start):
    """Every line of a list, from item to item too, is one leading below the one before; the
    space above the list and the space below it are whole lines, and the same."""
    leading = 13.0
    lines = [line for line in lines_of(pages[page]) if line[0]["x0"] < 290]  # left column
    lines.sort(key=lambda line: -line[0]["matrix"][5])
    texts = [squeeze(text_of(line)) for line in lines]
    start = next(k for k, t in enumerate(texts) if t.endswith(intro))  # the intro's last line
    end = next(k for k, t in enumerate(texts) if t.startswith(after_start)) if after_start \
        else len(lines)
    baselines = [line[0]["matrix"][5] for line in lines[start:end + 1]]
    gaps = [round(a - b, 2) for a, b in zip(baselines, baselines[1:], strict=False)]
    assert len(gaps) > 6
    inside = gaps[1:-1] if after_start else gaps[1:]
    assert inside == [leading] * len(inside), gaps  # item after item: one line
    assert gaps[0] % leading == pytest.approx(0, abs=0.01), gaps  # on the grid with the intro
    if after_start:
        assert gaps[-1] == gaps[0], gaps  # the same space below as above
