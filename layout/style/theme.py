"""theme.yaml -> typed design values: lengths in pt, colours as CMYK, font names."""

from __future__ import annotations

import hashlib
import math
import re
from pathlib import Path

from reportlab.lib.colors import CMYKColor

from layout.content.yamlfile import Mapping, load_yaml, read_text
from layout.errors import IssueError, did_you_mean

MM = 72 / 25.4
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|pt|em)\s*$")
STYLES = ("regular", "bold", "italic", "bold_italic")
FAMILY = re.compile(r"[a-z][a-z0-9]*")  # 'serif': a face is named 'serif-bold'
MAX_LENGTH = 1000 * MM  # no design value of an A4 page is longer
MAX_TYPE = 300.0  # pt: the largest size or leading of any text
NUMBERS = {  # design values that are plain numbers: (least, most, whole number?)
    "dropcap.lines": (1, 10, True),
    "standfirst.width": (0.5, 2, False),
}


class Theme:
    """The theme file, read on demand by dotted key ('body.size'); errors name file:line."""

    def __init__(self, path: Path):
        self.path = path
        text = read_text(path)
        self.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()  # for cache keys
        data = load_yaml(text, path)
        if not isinstance(data, Mapping):
            raise IssueError(path, 1, "theme.yaml must be YAML keys and values",
                             "start from the project's issue/theme.yaml")
        self.data = data
        self._check_fonts()
        self._check_hyphenation()

    def _check_fonts(self) -> None:
        """`fonts:` maps each family to a file for each of the four styles."""
        fonts, line = self._lookup("fonts")
        if not isinstance(fonts, Mapping) or not fonts:
            raise IssueError(self.path, line, "'fonts' must map each family to its files",
                             "write e.g. 'fonts: {serif: {regular: NotoSerif-Regular.ttf, …}}'")
        for family, faces in fonts.items():
            where = fonts.key_lines[family]
            if not FAMILY.fullmatch(family):
                raise IssueError(self.path, where, f"font family name '{family}' is not a plain "
                                 "word", "name families with lower-case letters, e.g. 'serif'")
            if not isinstance(faces, Mapping):
                raise IssueError(self.path, where, f"font family '{family}' must list its files",
                                 "write 'regular: FILE.ttf', 'bold: …', 'italic: …', "
                                 "'bold_italic: …' under it")
            for style in STYLES:
                if style not in faces:
                    raise IssueError(self.path, where,
                                     f"font family '{family}' lacks its '{style}' face",
                                     f"add '{style}: FILE.ttf'")
                if not isinstance(faces[style], str) or not faces[style].strip():
                    raise IssueError(self.path, faces.key_lines[style],
                                     f"font '{family}-{style}' must be a file name",
                                     "write e.g. 'regular: NotoSerif-Regular.ttf'")
            for style in faces:
                if style not in STYLES:
                    raise IssueError(self.path, faces.key_lines[style],
                                     f"unknown font style '{style}'", did_you_mean(style, STYLES))

    def _check_hyphenation(self) -> None:
        """`body.language_hyphenation`, when given, maps languages to dictionary names."""
        body = self.data.get("body")
        if not isinstance(body, Mapping) or "language_hyphenation" not in body:
            return
        value = body["language_hyphenation"]
        if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
            raise IssueError(self.path, body.key_lines["language_hyphenation"],
                             "'language_hyphenation' must map languages to dictionaries",
                             "write e.g. '{en: en_GB, ru: ru_RU}'")

    def _lookup(self, key: str):
        node, line = self.data, self.data.line
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise IssueError(self.path, line, f"missing design value '{key}'",
                                 f"add '{part}:' to the theme")
            line = node.key_lines[part]
            node = node[part]
        return node, line

    def line_of(self, key: str) -> int:
        return self._lookup(key)[1]

    def value(self, key: str):
        return self._lookup(key)[0]

    def pt(self, key: str, em: float | None = None) -> float:
        """A length in points ('3mm', '9.5pt'; '1em' needs the em size).

        Sizes and leadings must be above zero and at most 300 pt; no length is negative (but
        letter-spacing) or longer than a metre.
        """
        raw, line = self._lookup(key)
        match = _LENGTH.match(str(raw)) if isinstance(raw, (str, int, float)) else None
        if not match or (match.group(2) == "em" and em is None):
            raise IssueError(self.path, line, f"'{key}: {str(raw)[:40]}' is not a length",
                             "write it with a unit, e.g. '9.5pt' or '18mm'")
        number, unit = float(match.group(1)), match.group(2)
        value = number * {"mm": MM, "pt": 1.0, "em": em or 0.0}[unit]
        name = key.rsplit(".", 1)[-1]
        if "size" in name or "leading" in name:
            if not 0 < value <= MAX_TYPE:
                raise IssueError(self.path, line, f"'{key}: {raw}' is out of range",
                                 f"a size or leading is above 0pt and at most {MAX_TYPE:.0f}pt")
        elif not (-MAX_LENGTH if name == "tracking" else 0) <= value <= MAX_LENGTH:
            raise IssueError(self.path, line, f"'{key}: {raw}' is out of range",
                             "write a length from 0mm to 1000mm")
        return value

    def number(self, key: str) -> float:
        """A plain number; the ones with a sensible range (NUMBERS) are held to it."""
        raw, line = self._lookup(key)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
            raise IssueError(self.path, line, f"'{key}' must be a number", "write e.g. '3'")
        if key in NUMBERS:
            low, high, whole = NUMBERS[key]
            if not low <= raw <= high or (whole and raw != int(raw)):
                kind = "a whole number" if whole else "a number"
                raise IssueError(self.path, line, f"'{key}: {raw}' is out of range",
                                 f"write {kind} from {low} to {high}")
        return float(raw)

    def text(self, key: str) -> str:
        """A design value that is text (a number is taken as its digits)."""
        raw, line = self._lookup(key)
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise IssueError(self.path, line, f"'{key}' must be text", "write e.g. '//////'")
        return str(raw)

    def colour(self, name: str) -> CMYKColor:
        """A named colour from `colours:` as a ReportLab CMYK colour."""
        raw, line = self._lookup(f"colours.{name}")
        if (not isinstance(raw, list) or len(raw) != 4
                or not all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in raw)):
            raise IssueError(self.path, line, f"colour '{name}' must be [C, M, Y, K] in percent",
                             "write e.g. '[80, 0, 15, 5]'")
        c, m, y, k = (v / 100 for v in raw)
        return CMYKColor(c, m, y, k)

    def font(self, key: str) -> str:
        """The registered font name of a face like 'sans-bold' or 'serif-italic'."""
        raw, line = self._lookup(key)
        family, _, style = str(raw).partition("-")
        style = (style or "regular").replace("-", "_")
        if family not in self.value("fonts") or style not in STYLES:
            raise IssueError(self.path, line, f"unknown font '{raw}'",
                             "write a family from 'fonts:' and a style, e.g. 'sans-bold'")
        return face_name(family, style)

    def font_files(self, fonts_dir: Path) -> dict[str, tuple[Path, str, int]]:
        """Registered face name -> (TrueType file, its name as written, its theme line)."""
        files = {}
        for family, faces in self.value("fonts").items():
            for style in STYLES:
                files[face_name(family, style)] = (fonts_dir / faces[style].strip(),
                                                   faces[style], faces.key_lines[style])
        return files


def face_name(family: str, style: str) -> str:
    """ReportLab's name for one face: 'Serif', 'Serif-Bold', 'Sans-BoldItalic'."""
    suffix = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bold_italic": "-BoldItalic"}
    return family.capitalize() + suffix[style]
