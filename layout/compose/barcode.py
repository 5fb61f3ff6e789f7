"""The ISSN barcode: EAN-13 with prefix 977 and the issue's 2-digit add-on, vector, black only.

The EAN-13 is ReportLab's (`eanbc.Ean13BarcodeWidget`); ReportLab 5.1 has no 2-digit add-on,
so the EAN-2 is drawn here from its specification (GS1 General Specifications 5.2.2.6): a
start guard 1011, the first digit, a separator 01, the second digit, each digit in the L or
G set of EAN-13 as the value modulo 4 says. The plan of bars is pure data (doctested); one
function draws it.
"""

from __future__ import annotations

from reportlab.graphics.barcode.eanbc import Ean13BarcodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import CMYKColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from layout.compose import reportlab_private as rl
from layout.compose.text.draw import write_text

L_CODES = ("0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111",
           "0111011", "0110111", "0001011")
G_CODES = ("0100111", "0110011", "0011011", "0100001", "0011101", "0111001", "0000101",
           "0010001", "0001001", "0010111")
ADDON_PARITY = ("LL", "LG", "GL", "GG")  # by the add-on's value modulo 4
ADDON_GAP = 9  # modules between the EAN-13 and its add-on (the standard asks for 7 to 12)
LEFT_QUIET = 11  # modules of white left of an EAN-13 (7 on its right)
EAN13_MODULES = 95
BLACK = CMYKColor(0, 0, 0, 1)  # K only: a barcode in four inks would not scan


def ean13_of_issn(issn: str, variant: str = "00") -> str:
    """The twelve digits of an ISSN's EAN-13 (977, the ISSN without its check, the price
    variant); ReportLab adds the thirteenth.

    >>> ean13_of_issn("0317-8471")
    '977031784700'
    """
    return "977" + issn.replace("-", "")[:7] + variant


def addon_modules(two_digits: str) -> str:
    """The EAN-2 add-on as modules ('1' a bar, '0' a space), start guard first.

    >>> addon_modules("12")  # 12 mod 4 = 0: both digits in the L set
    '10110011001010010011'
    """
    parity = ADDON_PARITY[int(two_digits) % 4]
    codes = [(L_CODES if p == "L" else G_CODES)[int(d)]
             for d, p in zip(two_digits, parity, strict=True)]
    return "1011" + codes[0] + "01" + codes[1]


def bars(modules: str) -> list[tuple[int, int]]:
    """(first module, width in modules) of each bar.

    >>> bars("1011001")
    [(0, 1), (2, 2), (6, 1)]
    """
    out: list[tuple[int, int]] = []
    for k, module in enumerate(modules):
        if module == "1":
            if out and out[-1][0] + out[-1][1] == k:
                out[-1] = (out[-1][0], out[-1][1] + 1)
            else:
                out.append((k, 1))
    return out


def draw_issn_barcode(canvas, x: float, y: float, issn: str, issue_number: int, module: float,
                      height: float, font: str, size: float) -> float:
    """Draw 'ISSN …' over the EAN-13 and its add-on with (x, y) the lower left; return the
    width drawn."""
    widget = Ean13BarcodeWidget(ean13_of_issn(issn), barWidth=module, barHeight=height,
                                fontName=font, fontSize=size, barFillColor=BLACK,
                                textColor=BLACK, barStrokeColor=BLACK, barStrokeWidth=0,
                                quiet=1)  # ReportLab's quiet zones: 11 and 7 modules
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(right - left, top - bottom)
    drawing.add(widget)
    rl.draw_drawing(drawing, canvas, x - left, y - bottom, write_text)
    two = f"{issue_number % 100:02d}"
    addon_x = x + (LEFT_QUIET + EAN13_MODULES + ADDON_GAP) * module
    digits_height = size * 1.2  # the add-on's digits stand above its bars
    canvas.saveState()
    canvas.setFillColor(BLACK)
    for first, width in bars(addon_modules(two)):  # from the foot of the guard bars
        canvas.rect(addon_x + first * module, y, width * module, height - digits_height,
                    stroke=0, fill=1)
    addon_width = len(addon_modules(two)) * module
    write_text(canvas, font, size, addon_x + addon_width / 2, y + height - size * 0.9, two,
               anchor="middle")
    label = f"ISSN {issn}"
    write_text(canvas, font, size, x, y + (top - bottom) + size * 0.4, label)
    canvas.restoreState()
    return max(addon_x + addon_width - x, stringWidth(label, font, size))
