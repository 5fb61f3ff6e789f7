"""A theme checked against its schema: every problem of the file, reported in one run.

Keys the schema does not know (with the one meant), values of the wrong type or unit or out
of range, lines that would overlap (leading under the size), margins and gutters that leave
no room for a column, font files that are missing or not TrueType. Each problem names its
line in theme.yaml and how to put it right.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab.lib.pagesizes import A4  # the trim the grid uses (compose.grid)

from layout.content.yamlfile import Mapping
from layout.errors import IssueError, did_you_mean, raise_all
from layout.style.schema import (
    GROUPS,
    KEYS,
    LANGUAGES,
    LEADINGS,
    MAX_COLUMNS,
    MIN_BODY_LINES,
    MIN_COLUMN_EM,
    MM,
    STYLES,
    Key,
)
from layout.style.theme import BadValue, parse_length, parse_share, split_face

RETIRED = {  # keys of earlier themes: where their value went
    "body.language_hyphenation": "hyphenation is the theme's 'hyphenation.dictionaries' now",
    "body.glyph_scaling": "it moved: write it as 'glyph_scaling: 2%' under 'justification:'",
    "kicker.baseline_above_trim": "it is 'kicker.baseline_below_trim' now (measured down "
                                  "from the top trim)",
    "cover.masthead_size": "the masthead is set as wide as 'cover.masthead_width' (a share of "
                           "the type area)",
}


def check_theme(theme, fonts_dir: Path | None) -> None:
    """Raise every problem of the theme at once (IssueErrors), or nothing."""
    problems: list[IssueError] = []
    data = theme.data

    def problem(line, message, hint=""):
        problems.append(IssueError(theme.path, line, message, hint))

    for group, node in data.items():
        line = data.key_lines.get(group)
        if group not in GROUPS:
            problem(line, f"unknown group '{group}'", did_you_mean(group, GROUPS))
        elif not isinstance(node, Mapping):
            problem(line, f"'{group}:' must hold keys and values",
                    "indent its keys under it, e.g. '  size: 9.5pt'")
        elif group == "fonts":
            _check_fonts(node, fonts_dir, problem, Path(theme.path).parent)
        else:
            known = [k.rsplit(".", 1)[1] for k in KEYS if k.startswith(group + ".")]
            for name, raw in node.items():
                key, key_line = f"{group}.{name}", node.key_lines[name]
                if key not in KEYS:
                    problem(key_line, f"unknown key '{name}' in '{group}'",
                            _unknown_hint(key, name, known))
                    continue
                try:
                    _check_value(KEYS[key], raw, theme)
                except BadValue as bad:
                    problem(key_line, f"{key}: {bad.message}", bad.hint)
    for cross_check in (_check_faces, _check_leadings, _check_geometry, _check_furniture):
        try:
            cross_check(theme, problem)
        except (BadValue, ValueError, TypeError, KeyError):
            pass  # it needs a value that is wrong itself, and reported above
        theme.read.clear()
    raise_all(problems)


def _unknown_hint(key: str, name: str, known: list[str]) -> str:
    """Where a retired key's value went, the key of another group with this name, or the
    closest key of this group."""
    if key in RETIRED:
        return RETIRED[key]
    if name in ("colour", "color"):
        return "colours are named under 'colours:' ('text' for body text), not per element"
    hint = did_you_mean(name, known)
    if hint.startswith("did you mean"):
        return hint
    elsewhere = [k for k in KEYS if k.rsplit(".", 1)[1] == name]
    if elsewhere:
        return f"did you mean '{elsewhere[0]}'? (it is in '{elsewhere[0].split('.')[0]}:')"
    return hint


def _check_value(spec: Key, raw, theme) -> None:
    """One value against its key's type and range."""
    if raw is None:
        raise BadValue("has no value", _example(spec))
    kind = spec.type
    if kind in ("length", "size"):
        number, unit = parse_length(raw, spec)
        if unit == "em" and spec.em not in KEYS:
            _in_range(spec, number * 10, raw, "em")  # checked against a 10 pt size
            return
        points = number * (MM if unit == "mm" else 1.0)
        if unit == "em":
            points = number * theme.pt(spec.em)
        _in_range(spec, points, raw)
    elif kind == "colour":
        if (not isinstance(raw, list) or len(raw) != 4
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                           and 0 <= v <= 100 for v in raw)):
            raise BadValue(f"colour {raw!r} must be four percentages [C, M, Y, K], each "
                           "0 to 100", "write e.g. '[80, 0, 15, 5]'")
    elif kind == "face":
        family, style = split_face(str(raw))
        if style not in STYLES:
            raise BadValue(f"'{raw}' has no style '{style}'",
                           "write a family and a style: 'sans', 'sans-bold', 'serif-italic' "
                           "or 'serif-bold-italic'")
    elif kind in ("count", "number"):
        raw = _yaml_number(raw) if kind == "number" else raw
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or (
                kind == "count" and not isinstance(raw, int)):
            raise BadValue(f"'{raw}' is not {'a whole number' if kind == 'count' else 'a number'}",
                           _example(spec))
        _in_range(spec, raw, raw)
    elif kind in ("share", "percent"):
        value = parse_share(raw, spec)
        _in_range(spec, value * 100 if kind == "percent" else value, raw)
    elif kind == "flag":
        if not isinstance(raw, bool):
            raise BadValue(f"'{raw}' is not true or false", "write 'true' or 'false'")
    elif kind == "text":
        if not isinstance(raw, str) or not raw.strip():
            raise BadValue(f"{raw!r} is not text", _example(spec))
        if spec.unit.startswith("choice:"):
            choices = spec.unit.removeprefix("choice:").split(",")
            if raw not in choices:
                raise BadValue(f"'{raw}' is not one of {', '.join(choices)}",
                               did_you_mean(raw, choices))
        if spec.unit == "colours":
            names = [k.split(".", 1)[1] for k in KEYS if k.startswith("colours.")]
            for name in raw.split():
                if name not in names:
                    raise BadValue(f"'{name}' is not a colour of the theme",
                                   did_you_mean(name, names))
    elif kind == "languages":
        _check_languages(spec, raw)


def _yaml_number(raw):
    """A number YAML 1.1 reads as text ('1e9', '1e+09' — it wants a dot: '1.0e9'), as the
    number it is; anything else as it was."""
    if isinstance(raw, str):
        try:
            value = float(raw.strip())
        except ValueError:
            return raw
        return value if math.isfinite(value) else raw
    return raw


def _check_languages(spec: Key, raw) -> None:
    if not isinstance(raw, Mapping):
        raise BadValue(f"{raw!r} is not a value per language", _example(spec))
    for language, value in raw.items():
        if language not in LANGUAGES:
            raise BadValue(f"unknown language '{language}'", did_you_mean(language, LANGUAGES))
        if spec.unit == "text":
            if not isinstance(value, str) or not value.strip():
                raise BadValue(f"'{language}: {value!r}' is not text", _example(spec))
            continue
        if spec.unit == "dictionary":
            import pyphen

            if str(value) not in pyphen.LANGUAGES:
                raise BadValue(f"no hyphenation dictionary '{value}' for '{language}'",
                               did_you_mean(str(value), sorted(pyphen.LANGUAGES)))
        elif isinstance(value, bool) or not isinstance(value, int) or not (
                spec.low <= value <= spec.high):
            raise BadValue(f"'{language}: {value}' must be a whole number from "
                           f"{spec.low:g} to {spec.high:g}", _example(spec))


def _in_range(spec: Key, value: float, raw, unit: str = "") -> None:
    """Refuse a value outside the key's range, saying the range in the value's own unit."""
    low, high = spec.low, spec.high
    if low is not None and (value < low or (spec.type == "size" and value <= 0)):
        what = "type under 4pt cannot be read" if spec.type == "size" else \
            f"the least is {spec.shown(low)}"
        raise BadValue(f"'{raw}' is too small: {what}", _example(spec))
    if high is not None and value > high:
        raise BadValue(f"'{raw}' is too large: the most is {spec.shown(high)}",
                       _example(spec))


def _example(spec: Key) -> str:
    default = spec.default
    if default is None:
        return f"write e.g. '{spec.name.split('.')[1]}: …' ({spec.type})"
    if isinstance(default, dict):
        shown = "{" + ", ".join(f"{k}: {v}" for k, v in default.items()) + "}"
    elif isinstance(default, bool):
        shown = str(default).lower()
    else:
        shown = str(default)
    return f"write e.g. '{spec.name.split('.')[1]}: {shown}'"


def _check_fonts(fonts: Mapping, fonts_dir: Path | None, problem, issue_dir: Path) -> None:
    """Each family names its four faces; each file is there and is TrueType."""
    for family, faces in fonts.items():
        line = fonts.key_lines[family]
        if not isinstance(faces, Mapping):
            problem(line, f"font family '{family}' must list its faces",
                    "write 'regular:', 'bold:', 'italic:' and 'bold_italic:' under it")
            continue
        if "-" in family or family in STYLES:
            problem(line, f"'{family}' cannot name a font family",
                    "use a plain word, e.g. 'serif' or 'sans'")
        for style in faces:
            if style not in STYLES:
                problem(faces.key_lines[style], f"unknown face '{style}' of '{family}'",
                        did_you_mean(style, STYLES))
        for style in STYLES:
            if style not in faces:
                problem(line, f"font family '{family}' lacks its '{style}' face",
                        f"add '{style}: FILE.ttf'")
            elif fonts_dir is not None:
                message = _font_file_problem(fonts_dir / str(faces[style]), str(faces[style]),
                                             (fonts_dir, issue_dir))
                if message:
                    problem(faces.key_lines[style], *message)


def _font_file_problem(path: Path, written: str, inside: tuple[Path, ...]
                       ) -> tuple[str, str] | None:
    """What is wrong with a font file, if anything: missing, or not TrueType. A file outside
    the project's fonts/ and the issue folder is not opened here: the build reads only inside
    them (content.boundary), and says so."""
    if not any(path.resolve().is_relative_to(folder.resolve()) for folder in inside):
        return None
    if not path.is_file():
        return (f"font file '{written}' not found",
                "put the .ttf in fonts/ or fix its name in the theme")
    with path.open("rb") as file:
        magic = file.read(4)
    if magic == b"OTTO":
        return (f"{path.name} is OpenType with PostScript (CFF) outlines: ReportLab can use "
                "only TrueType (.ttf) fonts, not OpenType/CFF",
                "use the TrueType (.ttf) version of the font")
    if magic not in (b"\0\1\0\0", b"true"):
        return (f"{path.name} is not a TrueType font file",
                "replace it with a valid .ttf file")
    return None


def _check_faces(theme, problem) -> None:
    """Every face names a family of `fonts:`."""
    families = theme.families()
    for key, spec in KEYS.items():
        if spec.type != "face":
            continue
        raw, line = theme.written(key)
        if raw is None:
            raw = spec.default if not spec.follows else None
            line = theme.line_of(key)
        if raw is not None and split_face(str(raw))[0] not in families:
            problem(line, f"{key}: unknown font family '{split_face(str(raw))[0]}'",
                    did_you_mean(split_face(str(raw))[0], families))


def _check_leadings(theme, problem) -> None:
    """Lines of any text must not overlap: its leading at least its size.

    A pair that only follows others (subheads follow the body) is reported only when no pair
    was: its fault is the other's.
    """
    reported = False
    for size_key, leading_key in LEADINGS:
        try:
            size, leading = theme.pt(size_key), theme.pt(leading_key)
        except BadValue:
            continue  # reported as it is
        written = theme.written(leading_key)[1] or theme.written(size_key)[1]
        if leading < size and (written or not reported):
            reported = True
            problem(written or theme.line_of(leading_key),
                    f"{leading_key} {leading:g}pt is less than {size_key} {size:g}pt: its "
                    "lines would overlap",
                    f"make the leading at least the size (about {size * 1.2:.3g}pt), or the "
                    "size smaller")


def _check_geometry(theme, problem) -> None:
    """The margins and gutters leave a column wide enough to set, and a type area tall enough."""
    width, height = A4
    inner, outer = theme.pt("grid.margin_inner"), theme.pt("grid.margin_outer")
    head, foot = theme.pt("grid.margin_head"), theme.pt("grid.margin_foot")
    gutter, size = theme.pt("grid.gutter"), theme.pt("body.size")
    leading = theme.pt("body.leading")
    column = (width - inner - outer - (MAX_COLUMNS - 1) * gutter) / MAX_COLUMNS
    if column < MIN_COLUMN_EM * size and width / MAX_COLUMNS < MIN_COLUMN_EM * size:
        problem(theme.line_of("body.size"),
                f"body.size {size:g}pt is too large for any column: {MIN_COLUMN_EM} em of it "
                f"({_mm(MIN_COLUMN_EM * size)}) is wider than a third of the page, even without "
                "margins", "make the body size smaller")
    elif column < MIN_COLUMN_EM * size:
        culprit = max(("margin_inner", "margin_outer", "gutter"),
                      key=lambda k: theme.pt(f"grid.{k}") * (2 if k == "gutter" else 1))
        problem(theme.line_of(f"grid.{culprit}"),
                f"grid.margin_inner {inner / MM:g}mm, margin_outer {outer / MM:g}mm and gutter "
                f"{gutter / MM:g}mm leave {_mm(max(column, 0))} for each of {MAX_COLUMNS} "
                f"columns (news): a column needs at least {MIN_COLUMN_EM} em of body type "
                f"({_mm(MIN_COLUMN_EM * size)})",
                f"make the margins or the gutter smaller (the page is {width / MM:.0f}mm wide)")
    depth = height - head - foot
    if depth < MIN_BODY_LINES * leading:
        culprit = "margin_head" if head >= foot else "margin_foot"
        problem(theme.line_of(f"grid.{culprit}"),
                f"grid.margin_head {head / MM:g}mm and margin_foot {foot / MM:g}mm leave a type "
                f"area {_mm(max(depth, 0))} deep: less than {MIN_BODY_LINES} lines of body text",
                f"make them smaller (the page is {height / MM:.0f}mm tall)")
    elif theme.pt("grid.opener_depth") > depth - theme.count("body.start_lines") * leading:
        problem(theme.line_of("grid.opener_depth"),
                f"grid.opener_depth {theme.pt('grid.opener_depth') / MM:g}mm leaves no room for "
                f"the body on a first page (the type area is {_mm(depth)} deep)",
                "make it smaller")


SAFE = 5 * MM  # the preflight's safe area inside the trim: furniture stays within it
CAPS_EM = 0.5  # a capital is at least this wide, in em (a low estimate: the check only
#                refuses what cannot fit on any page)
SECTION_LETTERS = 8  # a short section name ('ANALYSIS'), the least a kicker must hold
FOLIO_LETTERS = 16  # a short issue line ('№1 (01-02) 2023')


def _check_furniture(theme, problem) -> None:
    """The kicker and the folio stay on the page and inside the safe area: limits derived
    from the page and the theme's own margins, not fixed ranges."""
    width, height = A4
    head, foot = theme.pt("grid.margin_head"), theme.pt("grid.margin_foot")
    measure = width - theme.pt("grid.margin_inner") - theme.pt("grid.margin_outer")
    for key, size_key, margin, where in (
            ("kicker.baseline_below_trim", "kicker.size", head, "head"),
            ("folio.baseline_above_trim", "folio.number_size", foot, "foot")):
        value, size = theme.pt(key), theme.pt(size_key)
        low, high = SAFE + (size if key.startswith("kicker") else 0), margin
        if not low <= value <= high:
            into = "into the trim" if value < low else "into the type area"
            problem(theme.line_of(key),
                    f"{key} {_mm(value)} puts it {into}: it must lie in the {where} margin, "
                    f"between {_mm(low)} and {_mm(high)} from the trim (the safe area is "
                    f"{_mm(SAFE)})",
                    f"give a value in that range, or change grid.margin_{where}")
    size, tracking = theme.pt("kicker.size"), theme.pt("kicker.tracking")
    slashes = theme.text("kicker.slashes")
    least = (len(slashes) + SECTION_LETTERS) * (CAPS_EM * size + tracking) + theme.pt("kicker.gap")
    if least > measure:
        culprit = "kicker.slashes" if len(slashes) * size * CAPS_EM > measure / 2 \
            else "kicker.tracking"
        problem(theme.line_of(culprit),
                f"kicker.slashes ({len(slashes)} characters) and kicker.tracking "
                f"{_mm(tracking)} make even a short kicker at least {_mm(least)} wide: wider "
                f"than the type area ({_mm(measure)}), it would run off the page",
                "use fewer slashes or less tracking")
    size, tracking = theme.pt("folio.size"), theme.pt("folio.tracking")
    least = FOLIO_LETTERS * (CAPS_EM * size + tracking)
    if least > measure / 2:
        problem(theme.line_of("folio.tracking"),
                f"folio.tracking {_mm(tracking)} makes the issue line beside the folio at "
                f"least {_mm(least)} wide: more than half the type area ({_mm(measure / 2)})",
                "use less tracking")


def _mm(points: float) -> str:
    return f"{points / MM:.1f}mm".replace(".0mm", "mm")
