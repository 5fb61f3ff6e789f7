"""theme.yaml -> typed design values: lengths in pt, colours as CMYK, font names.

Every key is described in `schema.py`; a key the theme leaves out takes its default or
follows the key it is derived from (a subhead is set at the body's size). The whole file is
checked when it is read (`theme_check.py`): every problem is reported at once, with its
line, so that nothing in compose can fail on a design value.
"""

from __future__ import annotations

import hashlib
import re
from fractions import Fraction
from pathlib import Path

from reportlab.lib.colors import CMYKColor

from layout.content.yamlfile import Mapping, load_yaml, read_text
from layout.errors import IssueError
from layout.style.schema import KEYS, MM, STYLES, Key

LENGTH = re.compile(r"^(-?\d+(?:\.\d+)?)(mm|pt|em)$")
PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*%$")
FRACTION = re.compile(r"^(\d+)\s*/\s*(\d+)$")
HOUSE_FONTS = {"serif": "NotoSerif", "sans": "NotoSans"}


class BadValue(Exception):
    """A value the schema does not accept: what is wrong and how to write it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


class Theme:
    """The design values of an issue, read by dotted key ('body.size').

    `read` collects every key the templates asked for (a test checks that each key of the
    schema is read by some template).
    """

    def __init__(self, path: Path | None, fonts_dir: Path | None = None):
        """Read and check a theme file (None: the house design, every key at its default).

        With `fonts_dir`, the font files are checked too (there, and TrueType).
        """
        from layout.style.theme_check import check_theme

        self.path = path or Path("theme.yaml")
        text = read_text(path) if path else ""
        self.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()  # for cache keys
        data = load_yaml(text, path) if path else None
        if path and data is None:
            data = Mapping()
            data.line, data.key_lines = 1, {}
        if path and not isinstance(data, Mapping):
            raise IssueError(path, 1, "theme.yaml must be YAML keys and values",
                             "start from the project's issue/theme.yaml")
        self.data = data if data is not None else _house_data()
        self.read: set[str] = set()
        check_theme(self, fonts_dir)

    # -- where a value is written

    def written(self, key: str):
        """(value as written, line), or (None, None) when the theme does not set it."""
        group, _, name = key.partition(".")
        node = self.data.get(group)
        if not isinstance(node, Mapping) or name not in node:
            return None, None
        return node[name], node.key_lines[name]

    def line_of(self, key: str) -> int | None:
        """The line that sets the key, or the line of its group, or None."""
        value, line = self.written(key)
        if line is not None:
            return line
        group = key.partition(".")[0]
        return self.data.key_lines.get(group) if isinstance(self.data, Mapping) else None

    # -- typed values

    def pt(self, key: str, em: float | None = None) -> float:
        """A length in points ('3mm', '9.5pt'; '1em' of the size the schema names, or `em`)."""
        self.read.add(key)
        spec = KEYS[key]
        raw, _ = self.written(key)
        if raw is None and spec.follows:
            return _follow(self.pt(spec.follows), spec)
        number, unit = parse_length(raw if raw is not None else spec.default, spec)
        if unit == "em":
            return number * (em if em is not None else self.pt(spec.em))
        return number * (MM if unit == "mm" else 1.0)

    def ems(self, key: str) -> float:
        """A length that the schema sets in em of a size known only where it is used."""
        self.read.add(key)
        spec = KEYS[key]
        raw, _ = self.written(key)
        return parse_length(raw if raw is not None else spec.default, spec)[0]

    def number(self, key: str) -> float:
        self.read.add(key)
        return float(self._value(key))

    def count(self, key: str) -> int:
        self.read.add(key)
        return int(self._value(key))

    def share(self, key: str) -> float:
        """A share or percentage as a fraction: '100%' -> 1.0, '1/3' -> 1/3, '2%' -> 0.02."""
        self.read.add(key)
        spec = KEYS[key]
        raw, _ = self.written(key)
        if raw is None and spec.follows:
            return self.share(spec.follows)
        return parse_share(raw if raw is not None else spec.default, spec)

    def flag(self, key: str) -> bool:
        self.read.add(key)
        return bool(self._value(key))

    def text(self, key: str) -> str:
        self.read.add(key)
        return str(self._value(key))

    def value(self, key: str):
        """A value as written (or its default): flags, texts, per-language tables."""
        self.read.add(key)
        return self._value(key)

    def per_language(self, key: str) -> dict:
        """A per-language table: the theme's entries over the default's."""
        self.read.add(key)
        raw, _ = self.written(key)
        return {**KEYS[key].default, **(raw or {})}

    def colour(self, name: str) -> CMYKColor:
        """A named colour from `colours:` as a ReportLab CMYK colour."""
        key = f"colours.{name}"
        self.read.add(key)
        c, m, y, k = (v / 100 for v in self._value(key))
        return CMYKColor(c, m, y, k)

    def colours(self) -> dict[str, list[float]]:
        """Every named colour, in percent as theme.yaml writes them."""
        names = [key.split(".", 1)[1] for key in KEYS if key.startswith("colours.")]
        for name in names:
            self.read.add(f"colours.{name}")
        return {name: list(self._value(f"colours.{name}")) for name in names}

    def font(self, key: str) -> str:
        """The registered font name of a face like 'sans-bold' or 'serif-italic'."""
        family, style = self.face_of(key)
        return face_name(family, style)

    def face(self, key: str) -> tuple[str, bool, bool]:
        """(family, bold, italic) of a face like 'sans-bold' or 'serif-italic'."""
        family, style = self.face_of(key)
        return family, "bold" in style, "italic" in style

    def face_of(self, key: str) -> tuple[str, str]:
        """(family, style) of a face key: 'sans-bold' -> ('sans', 'bold')."""
        self.read.add(key)
        spec = KEYS[key]
        raw, _ = self.written(key)
        if raw is None and spec.follows:
            return self.face_of(spec.follows)
        return split_face(str(raw if raw is not None else spec.default))

    def families(self) -> dict[str, dict[str, str]]:
        """Family -> style -> font file, as the theme names them."""
        fonts = self.data.get("fonts") if isinstance(self.data, Mapping) else None
        if not isinstance(fonts, Mapping):
            return {family: {style: f"{stem}-{_style_suffix(style)}.ttf" for style in STYLES}
                    for family, stem in HOUSE_FONTS.items()}
        return {family: {style: str(faces[style]) for style in STYLES}
                for family, faces in fonts.items()}

    def font_files(self, fonts_dir: Path) -> dict[str, tuple[Path, str, int | None]]:
        """Registered face name -> (TrueType file, its name as written, its theme line)."""
        fonts = self.data.get("fonts") if isinstance(self.data, Mapping) else None
        files = {}
        for family, faces in self.families().items():
            written = fonts.get(family) if isinstance(fonts, Mapping) else None
            for style, file in faces.items():
                line = (written.key_lines.get(style) if isinstance(written, Mapping)
                        else None)
                files[face_name(family, style)] = (fonts_dir / file.strip(), file, line)
        return files

    def _value(self, key: str):
        spec = KEYS[key]
        raw, _ = self.written(key)
        if raw is None and spec.follows:
            return self._value(spec.follows)
        return raw if raw is not None else spec.default


def _follow(base: float, spec: Key) -> float:
    """A derived value: its base, times and plus what the schema says (exactly the base when
    it says neither, so that a theme that follows gives the very same numbers)."""
    if spec.times == 1.0 and spec.plus == 0.0:
        return base
    value = base * spec.times if spec.times != 1.0 else base
    return value + spec.plus if spec.plus else value


def _house_data() -> Mapping:
    data = Mapping()
    data.line, data.key_lines = 1, {}
    return data


def _style_suffix(style: str) -> str:
    return {"regular": "Regular", "bold": "Bold", "italic": "Italic",
            "bold_italic": "BoldItalic"}[style]


def parse_length(raw, spec: Key) -> tuple[float, str]:
    """(number, unit) of a length as written; BadValue names what is wrong."""
    text = str(raw).strip() if raw is not None else ""
    match = LENGTH.match(text)
    if not match:
        spaced = re.match(r"^(-?\d+(?:\.\d+)?)\s+(mm|pt|em)$", text)
        if spaced:
            raise BadValue(f"'{raw}' has a space before its unit",
                           f"write it without one: '{spaced.group(1)}{spaced.group(2)}'")
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raise BadValue(f"'{raw}' has no unit", f"write it with one: '{raw}pt' or '{raw}mm'")
        raise BadValue(f"'{raw}' is not a length", "write it with a unit, e.g. '9.5pt' or '18mm'")
    number, unit = float(match.group(1)), match.group(2)
    if unit == "em" and not spec.em:
        raise BadValue(f"'{raw}' is in em, and this value has no type size to be an em of",
                       "write it in pt or mm")
    return number, unit


def parse_share(raw, spec: Key) -> float:
    """A share as a fraction: '100%', '1/3', 0.5 (a percentage type: '2%' or 2)."""
    if isinstance(raw, bool):
        raise BadValue(f"'{raw}' is not a share", "write e.g. '100%', '1/3' or '0.5'")
    if isinstance(raw, (int, float)):
        return raw / 100 if spec.type == "percent" else float(raw)
    text = str(raw).strip()
    match = PERCENT.match(text)
    if match:
        return float(match.group(1)) / 100
    match = FRACTION.match(text)
    if match and spec.type == "share" and int(match.group(2)):
        return float(Fraction(int(match.group(1)), int(match.group(2))))
    example = "'2%'" if spec.type == "percent" else "'100%', '1/3' or '0.5'"
    raise BadValue(f"'{raw}' is not a {'percentage' if spec.type == 'percent' else 'share'}",
                   f"write e.g. {example}")


def split_face(raw: str) -> tuple[str, str]:
    """'sans-bold' -> ('sans', 'bold'); 'serif' -> ('serif', 'regular')."""
    family, _, style = raw.strip().partition("-")
    return family, (style or "regular").replace("-", "_")


def face_name(family: str, style: str) -> str:
    """ReportLab's name for one face: 'Serif', 'Serif-Bold', 'Sans-BoldItalic'."""
    suffix = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bold_italic": "-BoldItalic"}
    return family.capitalize() + suffix[style]
