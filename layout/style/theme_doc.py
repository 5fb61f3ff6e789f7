"""docs/theme.md, written from the schema: every key of theme.yaml, grouped as in the file.

    python -m layout.style.theme_doc [docs/theme.md]

A test checks that the committed file is what this writes, so it never falls behind.
"""

from __future__ import annotations

import sys
from pathlib import Path

from layout.style.schema import (
    GROUPS,
    MAX_COLUMNS,
    MIN_BODY_LINES,
    MIN_COLUMN_EM,
    SCHEMA,
    TYPES,
    Key,
)

INTRO = """# The theme: every design value

`issue/theme.yaml` holds the whole design of an issue: fonts, sizes, leading, colours, the
grid, the elements' spacing, and the values the paragraph engine sets text by. Change the
look there, never in code. This page is written from the schema in
`layout/style/schema.py` (`python -m layout.style.theme_doc`); a test keeps the two equal.

How values are written:

| type | written as |
|---|---|
{types}

- A key left out takes its **default** — the house design. A key whose default says
  *follows* takes the value of another key (with the sum shown): a subhead is set at the
  body's size until `subhead.size` is set. Change `body.size` and subheads, questions,
  captions and sidebars follow it.
- `em` is a share of the size the key names (`kicker.gap: 0.6em` is 0.6 × `kicker.size`).
- Every problem of a theme is reported in one run, each at its line of theme.yaml with what
  to write instead: an unknown key (with the key meant), a value of the wrong type, unit or
  range, a leading under its size (the lines would overlap), margins and gutters that leave
  a column under {column_em} em of body type in {columns} columns (the news pages), a type
  area under {lines} lines deep, an opener deeper than the type area, a font file that is
  missing or not TrueType.

## fonts

Each family (any name: `serif`, `sans`, …) lists its four faces, each a TrueType (`.ttf`) file
in `fonts/` (or a path). Faces elsewhere in the theme name a family and a style:
`serif`, `sans-bold`, `serif-italic`, `sans-bold-italic`.

```yaml
fonts:
  serif:
    regular: NotoSerif-Regular.ttf
    bold: NotoSerif-Bold.ttf
    italic: NotoSerif-Italic.ttf
    bold_italic: NotoSerif-BoldItalic.ttf
```
"""


def document() -> str:
    """The whole of docs/theme.md."""
    types = "\n".join(f"| {name} | {text} |" for name, text in TYPES.items())
    out = [INTRO.format(types=types, column_em=MIN_COLUMN_EM, columns=MAX_COLUMNS,
                        lines=MIN_BODY_LINES)]
    for group in GROUPS[1:]:
        keys = [k for k in SCHEMA if k.group == group]
        out.append(f"## {group}\n")
        out.append("| key | type | default | range | what it changes |")
        out.append("|---|---|---|---|---|")
        out += [_row(key) for key in keys]
        out.append("")
    return "\n".join(out)


def _row(key: Key) -> str:
    name = key.name.split(".", 1)[1]
    unit = key.unit
    if unit.startswith("choice:"):
        unit = "one of " + ", ".join(f"`{c}`" for c in unit.removeprefix("choice:").split(","))
    elif unit == "colours":
        unit = "names of `colours:`"
    kind = key.type + (f" ({unit})" if unit else "")
    if key.em:
        kind += f", em of {_code(key.em) if '.' in key.em else key.em}"
    return f"| `{name}` | {kind} | {default_text(key)} | {_range(key)} | {key.doc} |"


def default_text(key: Key) -> str:
    """The default as the documentation shows it: a value, or what the key follows."""
    if key.follows:
        text = f"follows {_code(key.follows)}"
        if key.times != 1.0:
            text += f" × {key.times:g}"
        if key.plus:
            text += f" {'+' if key.plus > 0 else '−'} {abs(key.plus):g}pt"
        return text
    value = key.default
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dict):
        return "`{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}`"
    return f"`{value}`"


def _range(key: Key) -> str:
    if key.low is None and key.high is None:
        return ""
    return f"{key.shown(key.low)}–{key.shown(key.high)}"


def _code(key: str) -> str:
    return f"`{key}`"


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "docs" / "theme.md"
    target.write_text(document() + "\n", encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
