"""PDF/X-4 (ISO 15930-7): output intent, Info and XMP keys, trapping, document ID.

Applied to the assembled issue with pypdf; the colours themselves are CMYK from ReportLab
(enforceColorSpace) and images are converted before placing.
"""

from __future__ import annotations

import hashlib
import html
import zlib
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from layout.errors import IssueError
from layout.files import Unreadable, read_regular, write_atomically

PROFILE = Path(__file__).resolve().parent / "profiles" / "ISOcoated_v2_300_bas.icc"
OUTPUT_CONDITION = "FOGRA39"
OUTPUT_CONDITION_INFO = "ISO Coated v2 300% (basICColor), FOGRA39 characterisation"
VERSION = "PDF/X-4"


def pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def make_pdfx(writer: PdfWriter, title: str, author: str, moment: datetime,
              fingerprint: bytes, cache: Path | None = None) -> None:
    """Make the writer's document PDF/X-4: output intent, Info, XMP, Trapped, ID, header.

    The compressed profile is kept in `cache` (compressing 1 MB takes a noticeable while).
    """
    writer.pdf_header = "%PDF-1.6"
    root = writer._root_object
    root[NameObject("/OutputIntents")] = ArrayObject([_output_intent(writer, cache)])
    info = writer._info.get_object()
    info.update({
        NameObject("/Title"): TextStringObject(title),
        NameObject("/Author"): TextStringObject(author),
        NameObject("/Creator"): TextStringObject("ADALAZAMAT layout"),
        NameObject("/Producer"): TextStringObject("ReportLab + pypdf"),
        NameObject("/CreationDate"): TextStringObject(pdf_date(moment)),
        NameObject("/ModDate"): TextStringObject(pdf_date(moment)),
        NameObject("/GTS_PDFXVersion"): TextStringObject(VERSION),
        NameObject("/Trapped"): NameObject("/False"),
    })
    document_id = hashlib.md5(fingerprint).hexdigest()
    metadata = DecodedStreamObject()
    metadata.set_data(_xmp(title, author, moment, document_id).encode("utf-8"))
    metadata.update({NameObject("/Type"): NameObject("/Metadata"),
                     NameObject("/Subtype"): NameObject("/XML")})
    root[NameObject("/Metadata")] = writer._add_object(metadata)
    identifier = ByteStringObject(bytes.fromhex(document_id))
    writer._ID = ArrayObject([identifier, identifier])


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
    profile = StreamObject()
    profile._data = compressed_profile(cache)
    profile[NameObject("/N")] = NumberObject(4)
    profile[NameObject("/Filter")] = NameObject("/FlateDecode")
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(OUTPUT_CONDITION),
        NameObject("/OutputCondition"): TextStringObject(OUTPUT_CONDITION_INFO),
        NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
        NameObject("/Info"): TextStringObject(OUTPUT_CONDITION_INFO),
        NameObject("/DestOutputProfile"): writer._add_object(profile),
    }))


def _xmp(title: str, author: str, moment: datetime, document_id: str) -> str:
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    title, author = html.escape(title, quote=False), html.escape(author, quote=False)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
   <xmp:CreatorTool>ADALAZAMAT layout</xmp:CreatorTool>
   <pdf:Producer>ReportLab + pypdf</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document_id[:8]}-{document_id[8:12]}-{document_id[12:16]}-{document_id[16:20]}-{document_id[20:]}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{document_id[:8]}-{document_id[8:12]}-{document_id[12:16]}-{document_id[16:20]}-{document_id[20:]}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{VERSION}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def build_moment(epoch: str | None) -> datetime:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else 2000-01-01."""
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime(2000, 1, 1, tzinfo=UTC)
