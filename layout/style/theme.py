"""theme.yaml -> typed design values: lengths in pt, colours as CMYK, font names."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.colors import CMYKColor

from layout.content.yamlfile import Mapping, load_yaml, read_text
from layout.errors import IssueError

MM = 72 / 25.4
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|pt|em)\s*$")
STYLES = ("regular", "bold", "italic", "bold_italic")


class Theme:
    """The theme file, read on demand by dotted key ('body.size'); errors name file:line."""

    def __init__(self, path: Path):
        self.path = path
        data = load_yaml(read_text(path), path)
        if not isinstance(data, Mapping):
            raise IssueError(path, 1, "theme.yaml must be YAML keys and values",
                             "start from the project's issue/theme.yaml")
        self.data = data

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
        """A length in points ('3mm', '9.5pt'; '1em' needs the em size)."""
        raw, line = self._lookup(key)
        match = _LENGTH.match(str(raw))
        if not match or (match.group(2) == "em" and em is None):
            raise IssueError(self.path, line, f"'{key}: {raw}' is not a length",
                             "write it with a unit, e.g. '9.5pt' or '18mm'")
        number, unit = float(match.group(1)), match.group(2)
        return number * {"mm": MM, "pt": 1.0, "em": em or 0.0}[unit]

    def number(self, key: str) -> float:
        raw, line = self._lookup(key)
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise IssueError(self.path, line, f"'{key}' must be a number", "write e.g. '3'")
        return float(raw)

    def text(self, key: str) -> str:
        return str(self.value(key))

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

    def face(self, key: str) -> tuple[str, bool, bool]:
        """(family, bold, italic) of a face like 'sans-bold' or 'serif-italic'."""
        name = self.font(key)  # checks the value
        family = str(self.value(key)).partition("-")[0]
        return family, "Bold" in name, "Italic" in name

    def font_files(self, fonts_dir: Path) -> dict[str, Path]:
        """Registered face name -> TrueType file, for every face the theme lists."""
        files = {}
        for family, faces in self.value("fonts").items():
            for style in STYLES:
                if not isinstance(faces, Mapping) or style not in faces:
                    raise IssueError(self.path, self.line_of(f"fonts.{family}"),
                                     f"font family '{family}' lacks its '{style}' face",
                                     f"add '{style}: FILE.ttf'")
                files[face_name(family, style)] = fonts_dir / str(faces[style])
        return files


def face_name(family: str, style: str) -> str:
    """ReportLab's name for one face: 'Serif', 'Serif-Bold', 'Sans-BoldItalic'."""
    suffix = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bold_italic": "-BoldItalic"}
    return family.capitalize() + suffix[style]
