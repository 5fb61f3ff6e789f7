"""A column of figures read back from the PDF: decimal signs one above the other (units under
units), and the block of figures flush right in its column (by default, or `---:`), or flush
left (`:---`) or centred (`:---:`) as its alignment row asks, the column's head with it."""

from __future__ import annotations

import pdfplumber
import pytest

from tests.compose.test_elements import small_issue

ROWS = "| 2021 | 3 | 120.5 | — |\n| 2022 | 12 | 94 | 7.25 |\n| 2023 | 140 | 7.25 | 1 |\n"
HEAD = "| Year | Sensors | Days over the limit | Worst day |\n"
TABLES = {"none": "|------|---------|---------------------|-----------|",
          "right": "|-----:|--------:|--------------------:|----------:|",
          "left": "|:-----|:--------|:--------------------|:----------|",
          "center": "|:----:|:-------:|:-------------------:|:---------:|"}
TOLERANCE = 0.3  # pt


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, list[list[dict]]]:
    """Each table's rows (head first) as lists of cells (pdfplumber words), by alignment."""
    tmp_path = tmp_path_factory.mktemp("figures")
    body = "Figures.\n\n" + "\n".join(f"Table {name}.\n\n{HEAD}{row}\n{ROWS}"
                                       for name, row in TABLES.items())
    result, _ = small_issue(tmp_path, body)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        words = pdf.pages[0].extract_words(x_tolerance=1.5, return_chars=True)
    found, current = {}, None
    by_line: dict[float, list[dict]] = {}
    for word in words:
        by_line.setdefault(round(word["top"], 0), []).append(word)
    for _, line in sorted(by_line.items()):
        line.sort(key=lambda w: w["x0"])
        texts = [w["text"] for w in line]
        if texts[:1] == ["Table"] and len(texts) == 2:
            current = found.setdefault(texts[1].rstrip("."), [])
        elif current is not None and len(_cells(line)) == 4:
            current.append(_cells(line))
    assert set(found) == set(TABLES) and all(len(rows) == 4 for rows in found.values())
    return found


def _cells(line: list[dict]) -> list[dict]:
    """A row's words joined into its four cells (a head's words stand 2-3 pt apart)."""
    cells = [dict(line[0])]
    for word in line[1:]:
        if word["x0"] - cells[-1]["x1"] < 4:
            cells[-1] |= {"text": cells[-1]["text"] + " " + word["text"], "x1": word["x1"],
                          "chars": cells[-1]["chars"] + word["chars"]}
        else:
            cells.append(dict(word))
    return cells


def _units_end(cell: dict) -> float:
    """Where a figure's whole digits end: its decimal sign's left edge, else its last
    character's right edge (a dash for no figure ends there too)."""
    return next((c["x0"] for c in cell["chars"] if c["text"] == "."), cell["chars"][-1]["x1"])


@pytest.mark.parametrize("name", list(TABLES))
def test_figures_stand_on_their_decimal_sign(tables, name):
    for column in range(4):
        ends = [_units_end(row[column]) for row in tables[name][1:]]
        assert max(ends) - min(ends) < TOLERANCE, (name, column, ends)


@pytest.mark.parametrize("name", list(TABLES))
def test_the_block_of_figures_stands_where_the_column_asks(tables, name):
    for column in range(4):
        head = tables[name][0][column]
        cells = [row[column] for row in tables[name][1:]]
        left, right = min(c["x0"] for c in cells), max(c["x1"] for c in cells)
        if name in ("none", "right"):  # flush right: the widest figure ends where the head
            assert right == pytest.approx(head["x1"], abs=TOLERANCE), (column, head, cells)
        elif name == "left":
            assert left == pytest.approx(head["x0"], abs=TOLERANCE), (column, head, cells)
        else:  # centred under a centred head
            assert (left + right) / 2 == pytest.approx((head["x0"] + head["x1"]) / 2,
                                                       abs=TOLERANCE), (column, head, cells)
