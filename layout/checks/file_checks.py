"""Preflight checks of the file as a whole: fonts and their subsets, PDF/X-4 keys, PDF
version, XMP and its agreement with the Info dictionary, encryption, JavaScript and actions,
optional content, annotations.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from layout.checks.content_scan import FONT_FILES, resolved
from layout.checks.document import (
    Document,
    Verdict,
    as_box,
    by_problem,
    intersect,
    listing,
    pages_of,
)

PDFX_VERSION = "PDF/X-4"
MAX_PDF_VERSION = (1, 6)  # PDF/X-4 is based on PDF 1.6 …
PDFX4_VERSION = (1, 6)  # … and a file that claims it says so
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP_KEYS = {  # what PDF/X-4 asks of the XMP packet: key -> namespace
    "pdfxid:GTS_PDFXVersion": "http://www.npes.org/pdfx/ns/id/",
    "dc:title": "http://purl.org/dc/elements/1.1/",
    "xmp:CreateDate": "http://ns.adobe.com/xap/1.0/",
    "xmp:ModifyDate": "http://ns.adobe.com/xap/1.0/",
    "pdf:Trapped": "http://ns.adobe.com/pdf/1.3/",
    "xmpMM:DocumentID": "http://ns.adobe.com/xap/1.0/mm/",
    "xmpMM:VersionID": "http://ns.adobe.com/xap/1.0/mm/",
    "xmpMM:RenditionClass": "http://ns.adobe.com/xap/1.0/mm/",
}
INFO_XMP = {  # Info key -> the XMP key that must say the same
    "/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description",
    "/Keywords": "pdf:Keywords", "/Creator": "xmp:CreatorTool", "/Producer": "pdf:Producer",
    "/CreationDate": "xmp:CreateDate", "/ModDate": "xmp:ModifyDate",
    "/Trapped": "pdf:Trapped", "/GTS_PDFXVersion": "pdfxid:GTS_PDFXVersion",
}
XMP_NAMESPACES = {**XMP_KEYS, "dc:creator": XMP_KEYS["dc:title"],
                  "dc:description": XMP_KEYS["dc:title"],
                  "pdf:Keywords": XMP_KEYS["pdf:Trapped"],
                  "xmp:CreatorTool": XMP_KEYS["xmp:CreateDate"],
                  "pdf:Producer": XMP_KEYS["pdf:Trapped"]}
FORBIDDEN_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/ResetForm",
                               "/SubmitForm", "/Sound", "/Movie", "/Rendition", "/Hide",
                               "/SetOCGState", "/GoTo3DView", "/Trans"})
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
                       r"(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?")


# --- fonts ---------------------------------------------------------------------------------

def check_fonts(doc: Document) -> Verdict:
    """Every font selected with Tf (in Form XObjects and patterns too) is embedded."""
    found = [(problem, i + 1) for i, drawn in enumerate(doc.pages)
             for problem in drawn.fonts.values() if problem]
    if found:
        return Verdict("fail", listing(by_problem(found)), sorted({p for _, p in found}))
    names = sorted({name for drawn in doc.pages for name in drawn.fonts})
    return Verdict("pass", f"{len(names)} fonts, all embedded: {', '.join(names)}")


def _resource_dicts(resources, seen: set[int]) -> Iterator[DictionaryObject]:
    """A resource dictionary and those of the forms and patterns it names."""
    if resources is None or id(resources) in seen:
        return
    seen.add(id(resources))
    yield resources
    for category in ("/XObject", "/Pattern"):
        for value in resolved(resources, category, DictionaryObject()).values():
            yield from _resource_dicts(resolved(value.get_object(), "/Resources"), seen)


def _fonts(doc: Document) -> Iterator[tuple[int, int, DictionaryObject]]:
    """(page, object number, font dictionary) of every font a page's resources name."""
    for i, page in enumerate(doc.reader.pages):
        roots = [resolved(page, "/Resources")]
        for annotation in resolved(page, "/Annots") or []:
            for appearance in resolved(annotation.get_object(), "/AP",
                                       DictionaryObject()).values():
                appearance = appearance.get_object()
                roots.append(resolved(appearance, "/Resources"))
        seen: set[int] = set()
        for root in roots:
            for resources in _resource_dicts(root, seen):
                for value in resolved(resources, "/Font", DictionaryObject()).values():
                    number = value.idnum if hasattr(value, "idnum") else id(value)
                    yield i + 1, number, value.get_object()


def embedded_fonts(doc: Document) -> list[tuple[str, str]]:
    """(BaseFont, kind) of every font the pages use, each once, in order of appearance."""
    kinds = {"/Type0": "CID", "/TrueType": "TrueType", "/Type1": "Type 1", "/Type3": "Type 3"}
    found: dict[str, str] = {}
    for _, _, font in _fonts(doc):
        name = str(resolved(font, "/BaseFont", "/?"))[1:]
        kind = kinds.get(str(resolved(font, "/Subtype")), "other")
        if kind == "CID":
            descendant = resolved(font, "/DescendantFonts")[0].get_object()
            kind = "CID TrueType" if resolved(descendant, "/Subtype") == "/CIDFontType2" \
                else "CID Type 0"
        embedded = _program(font) is not None
        found.setdefault(name, kind + (", embedded subset" if embedded and "+" in name
                                       else ", embedded" if embedded else ", NOT embedded"))
    return list(found.items())


def _program(font: DictionaryObject) -> bytes | None:
    """The embedded font program's bytes (a Type0 font's descendant's), or None."""
    described = font
    descendants = resolved(font, "/DescendantFonts")
    if descendants:
        described = descendants[0].get_object()
    descriptor = resolved(described, "/FontDescriptor", DictionaryObject())
    for key in FONT_FILES:
        if key in descriptor:
            return descriptor[key].get_object().get_data()
    return None


def check_font_subsets(doc: Document) -> Verdict:
    """One program per subset name (ISO 32000-1 §9.6.4: a RIP that caches fonts by name would
    draw one page with another page's glyphs), and each program stored once."""
    by_name: dict[str, dict[bytes, list[int]]] = {}
    by_program: dict[bytes, set[int]] = {}
    pages_of_object: dict[int, set[int]] = {}
    for page, number, font in _fonts(doc):
        program = _program(font)
        if program is None:
            continue
        digest = hashlib.sha256(program).digest()
        name = str(resolved(font, "/BaseFont", "/?"))[1:]
        by_name.setdefault(name, {}).setdefault(digest, []).append(page)
        by_program.setdefault(digest, set()).add(number)
        pages_of_object.setdefault(number, set()).add(page)
    clashes = {f"{len(programs)} different subsets named {name}":
               sorted({p for pages in programs.values() for p in pages})
               for name, programs in by_name.items() if len(programs) > 1 and "+" in name}
    if clashes:
        return Verdict("fail", listing(clashes), pages_of(clashes))
    copies = {digest: numbers for digest, numbers in by_program.items() if len(numbers) > 1}
    if copies:
        stored = sum(len(numbers) - 1 for numbers in copies.values())
        pages = sorted({p for numbers in copies.values() for n in numbers
                        for p in pages_of_object[n]})
        return Verdict("warn", f"{stored} font program(s) stored more than once (the same "
                               "subset in several font objects): a larger file", pages)
    return Verdict("pass", f"{len(by_name)} font subsets, each name one program, each program "
                           "stored once")


# --- PDF/X, version, XMP --------------------------------------------------------------------

def check_pdfx(doc: Document) -> Verdict:
    """PDF/X-4 keys: GTS_PDFX OutputIntent with a CMYK profile, Info GTS_PDFXVersion,
    Trapped, trailer ID."""
    missing = _output_intent_problems(doc) + _pdfx_key_problems(doc)
    if missing:
        return Verdict("fail", "; ".join(missing))
    return Verdict("pass", "PDF/X-4: OutputIntent with a CMYK profile, GTS_PDFXVersion, "
                           "Trapped, ID")


def _output_intent_problems(doc: Document) -> list[str]:
    intents = [i.get_object() for i in resolved(doc.root, "/OutputIntents", [])]
    pdfx = [i for i in intents if resolved(i, "/S") == "/GTS_PDFX"]
    if not pdfx:
        return ["no OutputIntent with /S /GTS_PDFX in the Catalog"]
    problems = [] if resolved(pdfx[0], "/OutputConditionIdentifier") else \
        ["OutputIntent has no OutputConditionIdentifier"]
    profile = resolved(pdfx[0], "/DestOutputProfile")
    if profile is None:
        return [*problems, "OutputIntent has no DestOutputProfile"]
    profile = profile.get_object()
    if resolved(profile, "/N") != 4 or profile.get_data()[16:20] != b"CMYK":
        problems.append("DestOutputProfile is not a CMYK (N 4) ICC profile")
    return problems


def _info(doc: Document) -> DictionaryObject:
    info = resolved(doc.reader.trailer, "/Info")
    return info.get_object() if info is not None else DictionaryObject()


def _pdfx_key_problems(doc: Document) -> list[str]:
    info = _info(doc)
    problems = []
    if not str(resolved(info, "/GTS_PDFXVersion", "")).startswith(PDFX_VERSION):
        problems.append(f"Info /GTS_PDFXVersion is not {PDFX_VERSION}"
                        + (f" (it is {info['/GTS_PDFXVersion']!r})"
                           if "/GTS_PDFXVersion" in info else " (missing)"))
    trapped = resolved(info, "/Trapped")
    if not (isinstance(trapped, NameObject) and trapped in ("/True", "/False")):
        problems.append("Info /Trapped is not the name /True or /False"
                        + (f" (it is {trapped!r})" if trapped is not None else " (missing)"))
    if not resolved(doc.reader.trailer, "/ID"):
        problems.append("trailer has no /ID")
    return problems


def _version(text: str) -> tuple[int, int]:
    major, _, minor = text.strip().lstrip("/").partition(".")
    return int(major), int(minor or 0)


def check_pdf_version(doc: Document) -> Verdict:
    """PDF/X-4 is PDF 1.6 (the header, or the Catalog's /Version when that is higher)."""
    header = _version(doc.reader.pdf_header.removeprefix("%PDF-"))
    version = header
    if "/Version" in doc.root:
        version = max(header, _version(str(doc.root["/Version"])))
    shown = f"PDF {version[0]}.{version[1]}"
    if version > MAX_PDF_VERSION:
        return Verdict("fail", f"{shown}: PDF/X-4 allows at most PDF 1.6")
    if claims_pdfx4(doc) and version < PDFX4_VERSION:
        return Verdict("fail", f"{shown} (header {doc.reader.pdf_header}) on a file that "
                               "claims PDF/X-4: PDF/X-4 is PDF 1.6 (ISO 15930-7), and a RIP "
                               "that believes the header may refuse the transparency and "
                               "layers PDF 1.6 allows; write %PDF-1.6")
    return Verdict("pass", shown + (", as PDF/X-4 asks" if claims_pdfx4(doc) else ""))


def claims_pdfx4(doc: Document) -> bool:
    """Info or XMP says the file is PDF/X-4."""
    if str(resolved(_info(doc), "/GTS_PDFXVersion", "")).startswith(PDFX_VERSION):
        return True
    root, _ = xmp_root(doc)
    return root is not None and (xmp_value(root, "pdfxid:GTS_PDFXVersion") or "").startswith(
        PDFX_VERSION)


def xmp_root(doc: Document) -> tuple[ET.Element | None, str]:
    """The parsed XMP packet and, if it cannot be had, why."""
    metadata = resolved(doc.root, "/Metadata")
    if metadata is None:
        return None, "no XMP /Metadata stream in the Catalog"
    try:
        return ET.fromstring(metadata.get_object().get_data()), ""
    except ET.ParseError as err:
        return None, f"the XMP packet is not well-formed XML ({err})"


def xmp_value(root: ET.Element, key: str) -> str | None:
    """A simple XMP property as text (from an element or an attribute of rdf:Description);
    the x-default (or first) item of an Alt, the items of a Seq or Bag joined by ', '."""
    prefix, local = key.split(":")
    tag = f"{{{XMP_NAMESPACES[key]}}}{local}"
    for description in root.iter(f"{{{RDF}}}Description"):
        if tag in description.attrib:
            return description.attrib[tag]
        element = description.find(tag)
        if element is None:
            continue
        items = element.findall(f".//{{{RDF}}}li")
        if not items:
            return (element.text or "").strip()
        default = [li for li in items
                   if li.get("{http://www.w3.org/XML/1998/namespace}lang") == "x-default"]
        if default:
            return (default[0].text or "").strip()
        return ", ".join((li.text or "").strip() for li in items)
    return None


def check_xmp(doc: Document) -> Verdict:
    """The XMP packet is well-formed XML and has every key PDF/X-4 asks for."""
    root, problem = xmp_root(doc)
    if root is None:
        return Verdict("fail", problem)
    missing = [key for key in XMP_KEYS if not xmp_value(root, key)]
    if missing:
        return Verdict("fail", f"XMP lacks {', '.join(missing)}")
    version = xmp_value(root, "pdfxid:GTS_PDFXVersion") or ""
    if not version.startswith(PDFX_VERSION):
        return Verdict("fail", f"XMP pdfxid:GTS_PDFXVersion is {version!r}, not {PDFX_VERSION}")
    return Verdict("pass", f"well-formed, with the PDF/X-4 keys ({', '.join(XMP_KEYS)})")


def parse_date(text: str) -> datetime | None:
    """A PDF date (D:YYYYMMDDHHmmSS+HH'mm') or an XMP (ISO 8601) date, as an instant."""
    text = text.strip()
    match = _PDF_DATE.fullmatch(text)
    if match:
        year, month, day, hour, minute, second, sign, zone_h, zone_m = match.groups()
        offset = timedelta(hours=int(zone_h or 0), minutes=int(zone_m or 0))
        zone = UTC if sign in (None, "Z", "z") else \
            timezone(offset if sign == "+" else -offset)
        return datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                        int(minute or 0), int(second or 0), tzinfo=zone)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_info_xmp(doc: Document) -> Verdict:
    """The Info dictionary and the XMP packet say the same (title, author, dates, trapping,
    PDF/X version …): a RIP may read either."""
    root, problem = xmp_root(doc)
    if root is None:
        return Verdict("skipped", problem)
    info = _info(doc)
    differ = []
    for key, xmp_key in INFO_XMP.items():
        if key not in info:
            continue
        said = str(resolved(info, key)).removeprefix("/")
        in_xmp = xmp_value(root, xmp_key)
        if in_xmp is None:
            differ.append(f"Info {key} {said!r} is missing from the XMP ({xmp_key})")
        elif key.endswith("Date"):
            if parse_date(said) is None or parse_date(said) != parse_date(in_xmp):
                differ.append(f"Info {key} {said!r} but XMP {xmp_key} {in_xmp!r}")
        elif said != in_xmp:
            differ.append(f"Info {key} {said!r} but XMP {xmp_key} {in_xmp!r}")
    if differ:
        return Verdict("fail", "; ".join(differ))
    return Verdict("pass", f"Info and XMP agree ({sum(k in info for k in INFO_XMP)} keys)")


def check_embedded_files(doc: Document) -> Verdict:
    """No embedded files (Names /EmbeddedFiles, file attachment annotations, associated
    files /AF): PDF/X-4 does not allow them (ISO 15930-7), and a RIP ignores or refuses them."""
    found: list[tuple[str, int]] = []
    names = resolved(doc.root, "/Names", DictionaryObject())
    embedded = resolved(names, "/EmbeddedFiles")
    if embedded is not None:
        count = len(resolved(embedded, "/Names", ArrayObject())) // 2
        found.append((f"{count or 'some'} embedded file(s) in the Catalog's /Names", 0))
    if "/AF" in doc.root:
        found.append(("associated files (/AF) in the Catalog", 0))
    for i, page in enumerate(doc.reader.pages):
        if "/AF" in page:
            found.append(("associated files (/AF)", i + 1))
        for annotation in resolved(page, "/Annots") or []:
            if resolved(annotation.get_object(), "/Subtype") == "/FileAttachment":
                found.append(("a file attachment annotation", i + 1))
    if found:
        text = "; ".join(f"{what}" + (f" on p. {', '.join(map(str, sorted(set(pages))))}"
                                      if any(pages) else "")
                         for what, pages in by_problem(found).items())
        return Verdict("fail", f"{text}: PDF/X-4 allows no embedded files; remove them",
                       sorted({p for _, p in found if p}))
    return Verdict("pass", "no embedded files")


def check_pdfx_content(doc: Document) -> Verdict:
    """Nothing PDF/X-4 forbids in what the pages draw (ISO 15930-7): no OPI proxies (the
    RIP would have to fetch the real picture from a server it does not know), no
    PostScript XObjects or PS operators, no transfer functions, no alternate images."""
    found = by_problem((what, i + 1) for i, m in enumerate(doc.pages)
                       for what in sorted(m.forbidden))
    if found:
        return Verdict("fail", f"not allowed in PDF/X-4: {listing(found)}", pages_of(found))
    return Verdict("pass", "no OPI, PostScript, transfer functions or alternate images")


# --- security and interactivity -------------------------------------------------------------

def check_encryption(doc: Document) -> Verdict:
    """A print file must not be encrypted (a RIP may refuse it, PDF/X forbids it)."""
    if "/Encrypt" in doc.reader.trailer:
        return Verdict("fail", "the file is encrypted: PDF/X forbids it")
    return Verdict("pass", "not encrypted")


def _actions(obj, where: str, found: list[tuple[str, int]], page: int,
             depth: int = 0) -> None:
    """Forbidden actions in an action dictionary and the actions chained after it."""
    obj = obj.get_object() if obj is not None else None
    if not isinstance(obj, DictionaryObject) or depth > 8:
        return
    kind = resolved(obj, "/S")
    if kind in FORBIDDEN_ACTIONS:
        found.append((f"{str(kind)[1:]} action in {where}", page))
    following = resolved(obj, "/Next")
    for action in following if isinstance(following, ArrayObject) else [following]:
        _actions(action, where, found, page, depth + 1)


def check_actions(doc: Document) -> Verdict:
    """No JavaScript, no actions that run by themselves (open, page or annotation triggers)
    and no action a print file cannot carry (Launch, forms, media …)."""
    found: list[tuple[str, int]] = []
    names = resolved(doc.root, "/Names", DictionaryObject())
    if "/JavaScript" in names:
        found.append(("document JavaScript (Names /JavaScript)", 0))
    if "/OpenAction" in doc.root:
        found.append(("an OpenAction", 0))
        _actions(doc.root["/OpenAction"], "the OpenAction", found, 0)
    if "/AA" in doc.root:
        found.append(("document additional actions (/AA)", 0))
    for i, page in enumerate(doc.reader.pages):
        if "/AA" in page:
            found.append(("page additional actions (/AA)", i + 1))
        for annotation in resolved(page, "/Annots") or []:
            annotation = annotation.get_object()
            if "/AA" in annotation:
                found.append(("annotation additional actions (/AA)", i + 1))
            _actions(resolved(annotation, "/A"), "an annotation", found, i + 1)
    if found:
        problems = by_problem(found)
        text = "; ".join(f"{what}" + (f" on p. {', '.join(map(str, sorted(set(pages))))}"
                                      if any(pages) else "")
                         for what, pages in problems.items())
        return Verdict("fail", text, sorted({p for _, p in found if p}))
    return Verdict("pass", "no JavaScript and no actions")


def check_optional_content(doc: Document) -> Verdict:
    """Optional content (layers): what prints depends on the RIP's choice of state."""
    found = by_problem((what, i + 1) for i, m in enumerate(doc.pages)
                       for what in sorted(m.optional_content))
    in_catalog = "/OCProperties" in doc.root
    if found or in_catalog:
        text = "optional content (layers): " + (listing(found) if found else "") + \
            ("; " if found and in_catalog else "") + \
            ("Catalog /OCProperties" if in_catalog else "") + \
            " — check that the printed state is the default"
        return Verdict("warn", text, pages_of(found))
    return Verdict("pass", "no optional content")


def check_annotations(doc: Document) -> Verdict:
    """No annotation's /Rect reaches into the BleedBox."""
    found = []
    for i in doc.page_indexes:
        for annot in resolved(doc.reader.pages[i], "/Annots") or []:
            annot = annot.get_object()
            if "/Rect" in annot and intersect(as_box(annot["/Rect"]), doc.bleed(i)):
                found.append((f"{str(annot.get('/Subtype', '/?'))[1:]} annotation", i + 1))
    if found:
        return Verdict("fail", "inside the BleedBox: " + listing(by_problem(found)),
                       sorted({p for _, p in found}))
    return Verdict("pass", "no annotations inside the BleedBox")
