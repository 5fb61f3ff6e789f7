"""Column typography read back from the PDF: no widows, no orphans, no stranded headings."""

from __future__ import annotations

from collections import defaultdict

BODY_SIZES = (9.4, 10.6)  # body 9.5 pt, letters 10.5 pt


def column_lines(page):
    """Lines of each column: {column x0: [(top, x0, x1, kind), …]} sorted top to bottom."""
    lines = defaultdict(list)
    for word in page.extract_words(extra_attrs=["size", "fontname"]):
        if not BODY_SIZES[0] <= word["size"] <= BODY_SIZES[1]:
            continue
        if not 60 < word["top"] < page.height - 70:
            continue
        kind = "head" if "Sans-Bold" in word["fontname"] else "body"
        lines[(round(word["top"]), kind)].append(word)
    columns = defaultdict(list)
    for (top, kind), words in lines.items():
        for part in _split_columns(words):
            x0, x1 = min(w["x0"] for w in part), max(w["x1"] for w in part)
            columns[_column_of(x0, page)].append((top, x0, x1, kind))
    return {k: sorted(v) for k, v in columns.items()}


def _split_columns(words):
    words = sorted(words, key=lambda w: w["x0"])
    part = [words[0]]
    for word in words[1:]:
        if word["x0"] - part[-1]["x1"] > 12:  # a gutter, not a word space
            yield part
            part = []
        part.append(word)
    yield part


def _column_of(x0, page):
    return int(x0 // (page.width / 3.2))


def test_no_heading_or_question_ends_a_column(plumbed):
    stranded = []
    for number, page in enumerate(plumbed.pages[2:], start=3):
        for lines in column_lines(page).values():
            tail = [kind for *_, kind in lines[-1:]]
            if tail == ["head"] and len(lines) > 3:
                stranded.append(number)
    assert not stranded, f"a subhead or question ends a column on pages {stranded}"


def test_no_widows_or_orphans(plumbed):
    """A widow: a paragraph's last line alone at a column top; an orphan: its first at a foot."""
    problems = []
    for number, page in enumerate(plumbed.pages[2:], start=3):
        columns = column_lines(page)
        for key, lines in columns.items():
            body = [ln for ln in lines if ln[3] == "body"]
            if len(body) < 4:
                continue
            left = min(ln[1] for ln in body)
            right = max(ln[2] for ln in body)
            top, bottom = body[0], body[-1]
            second = body[1]
            if (top[1] - left < 2 and right - top[2] > 8 and second[1] - left > 5
                    and top[0] < 120):
                problems.append(f"p{number} widow at top of column {key}")
            before = body[-2]
            if (bottom[1] - left > 5 and right - bottom[2] < 2 and right - before[2] > 8
                    and bottom[0] > page.height - 140):
                problems.append(f"p{number} orphan at foot of column {key}")
    assert not problems, problems
