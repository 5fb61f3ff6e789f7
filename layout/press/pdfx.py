"""PDF/X-4 (ISO 15930-7): output intent, Info and XMP keys, trapping, document ID.

Applied to the assembled issue with pypdf; the colours themselves are CMYK from ReportLab
(enforceColorSpace) and images are converted before placing.
"""

from __future__ import annotations

import hashlib
import uuid
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterable
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from layout.errors import IssueError
from layout.files import Unreadable, read_regular, write_atomically
from layout.press.pypdf_private import add_object, encoded_stream, info, set_file_id

PROFILE = Path(__file__).resolve().parent / "profiles" / "ISOcoated_v2_300_bas.icc"
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_CONDITION_INFO = "ISO Coated v2 300% (basICColor), FOGRA39 characterisation"
VERSION = "PDF/X-4"
CREATOR = "ADALAZAMAT layout"
PRODUCER = "ReportLab + pypdf"
NAMESPACES = {  # XMP prefixes as Acrobat and the PDF/X-4 standard write them
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PACKET_ID = "W5M0MpCehiHzreSzNTczkc9d"  # the xpacket id every XMP packet carries
PADDING = 2000  # bytes of white space so the packet can be edited in place (XMP spec)


def pdf_date(moment: datetime) -> str:
    """A PDF date string (ISO 32000-1 §7.9.4) in UTC."""
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def make_pdfx(writer: PdfWriter, title: str, author: str, moment: datetime,
              fingerprint: bytes, cache: Path | None = None) -> None:
    """Make the writer's document PDF/X-4: output intent, Info, XMP, Trapped, ID, header.

    The document's identity stays with its title (every build of an issue is a version of
    one document); the instance and version identifiers come from `fingerprint`, the
    content, so two submissions that differ can be told apart and equal ones cannot.
    The compressed profile is kept in `cache` (compressing 1 MB takes a noticeable while).
    """
    writer.pdf_header = "%PDF-1.6"
    root = writer.root_object
    root[NameObject("/OutputIntents")] = ArrayObject([_output_intent(writer, cache)])
    document = hashlib.md5(f"{author}|{title}".encode()).digest()
    instance = hashlib.md5(fingerprint).digest()
    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": CREATOR,
                         "/Producer": PRODUCER, "/CreationDate": pdf_date(moment),
                         "/ModDate": pdf_date(moment), "/GTS_PDFXVersion": VERSION})
    # a name, not a string (add_metadata writes every value as a string)
    info(writer)[NameObject("/Trapped")] = NameObject("/False")
    writer.xmp_metadata = xmp_packet(title, author, moment, document, instance)
    metadata = root["/Metadata"].get_object()
    metadata.update({NameObject("/Type"): NameObject("/Metadata"),
                     NameObject("/Subtype"): NameObject("/XML")})
    # first ID: the document (stays across versions); second: this version (ISO 32000 §14.4)
    set_file_id(writer, document, instance)


def xmp_packet(title: str, author: str, moment: datetime, document: bytes,
               instance: bytes) -> bytes:
    """The XMP metadata packet with the keys PDF/X-4 asks for, built as XML (so no title
    can break it) and wrapped in its xpacket processing instructions."""
    xmp = Xmp(NAMESPACES, title, author, moment)
    add, description = xmp.add, xmp.description
    add(description, "pdf:Trapped", "False")
    add(description, "xmpMM:DocumentID", f"uuid:{uuid.UUID(bytes=document)}")
    add(description, "xmpMM:InstanceID", f"uuid:{uuid.UUID(bytes=instance)}")
    add(description, "xmpMM:VersionID", f"{moment:%Y%m%d%H%M%S}-{instance.hex()[:8]}")
    add(description, "xmpMM:RenditionClass", "default")
    add(description, "pdfxid:GTS_PDFXVersion", VERSION)
    return xmp.packet()


class Xmp:
    """An XMP packet being written: one rdf:Description with the keys every edition's PDF
    has (format, title, creator, dates, tool, producer); more are added to `description`."""

    def __init__(self, namespaces: dict[str, str], title: str, author: str, moment: datetime,
                 tool: str = CREATOR, producer: str = PRODUCER):
        for prefix, uri in namespaces.items():
            ET.register_namespace(prefix, uri)
        self.namespaces = namespaces
        self.meta = ET.Element(self.q("x:xmpmeta"))
        self.description = self.add(self.add(self.meta, "rdf:RDF"), "rdf:Description")
        self.description.set(self.q("rdf:about"), "")
        add, description = self.add, self.description
        add(description, "dc:format", "application/pdf")
        add(add(add(description, "dc:title"), "rdf:Alt"), "rdf:li", title).set(XML_LANG,
                                                                              "x-default")
        add(add(add(description, "dc:creator"), "rdf:Seq"), "rdf:li", author)
        stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            add(description, key, stamp)
        add(description, "xmp:CreatorTool", tool)
        add(description, "pdf:Producer", producer)

    def q(self, name: str) -> str:
        prefix, local = name.split(":")
        return f"{{{self.namespaces[prefix]}}}{local}"

    def add(self, parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
        element = ET.SubElement(parent, self.q(name))
        if text is not None:
            element.text = text
        return element

    def packet(self) -> bytes:
        body = ET.tostring(self.meta, encoding="unicode")
        return (f'<?xpacket begin="\ufeff" id="{PACKET_ID}"?>\n{body}\n'
                + (" " * 99 + "\n") * (PADDING // 100) + '<?xpacket end="w"?>').encode("utf-8")


def compressed_profile(cache: Path | None) -> bytes:
    """The press profile, deflated (from the cache folder when it is there).

    A cached copy is used only if it inflates to exactly the profile (a damaged or
    truncated one is made again), and it is written atomically.
    """
    data = PROFILE.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    name = f"profile-{digest[:16]}.zlib"
    if cache:
        with suppress(Unreadable, zlib.error, OverflowError):
            packed = read_regular(cache / name, 2 * len(data) + 1024)
            if hashlib.sha256(zlib.decompress(packed)).hexdigest() == digest:
                return packed
    packed = zlib.compress(data)
    if cache:
        with suppress(IssueError):  # a cache that cannot be written only costs time
            write_atomically(cache / name, packed)
    return packed


def _output_intent(writer: PdfWriter, cache: Path | None):
    profile = encoded_stream(compressed_profile(cache), "/FlateDecode")
    profile[NameObject("/N")] = NumberObject(4)
    return add_object(writer, DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(OUTPUT_CONDITION),
        NameObject("/OutputCondition"): TextStringObject(OUTPUT_CONDITION_INFO),
        NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
        NameObject("/Info"): TextStringObject(OUTPUT_CONDITION_INFO),
        NameObject("/DestOutputProfile"): add_object(writer, profile),
    }))


def build_moment(epoch: str | None, inputs: Iterable[Path] = ()) -> datetime:
    """The build's date: SOURCE_DATE_EPOCH when set (`make` sets the last commit's), else
    the time the newest input file was saved; both are the same for the same input."""
    if epoch is not None and epoch.strip():
        try:
            return datetime.fromtimestamp(int(epoch.strip()), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise IssueError("SOURCE_DATE_EPOCH", None, f"is '{epoch[:40]}', not a number of "
                             "seconds since 1970 (the build's date)",
                             "unset it, or set it to a whole number such as "
                             "$(git log -1 --format=%ct)") from None
    newest = max((path.stat().st_mtime for path in inputs if path.is_file()), default=0)
    return datetime.fromtimestamp(int(newest), tz=UTC)
