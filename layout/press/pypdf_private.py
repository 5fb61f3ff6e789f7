"""Every pypdf internal this project touches, named here and used nowhere else.

Written against pypdf 7.1 (WRITTEN_AGAINST); tests/press/test_pypdf_private.py fails loudly
when another version is installed, so that each use below is checked again.

- `PdfWriter._add_object(obj)`: puts an object in the file and returns its indirect reference
  (pypdf makes objects indirect only for what it adds itself: pages, annotations, outlines);
  fonts, their programs, forms, profiles and content streams of our own need one.
- `PdfWriter._info`: the document information dictionary itself. `add_metadata` writes every
  value as a string; PDF/X wants /Trapped a name, and a proof carries its fit report there.
- `PdfWriter._ID`: the trailer's file identifiers. pypdf makes random ones; a reproducible
  build writes its own (the document's, then this version's: ISO 32000-1 §14.4).
- `StreamObject._data`: a stream's bytes as written to the file; set on a plain StreamObject,
  bytes already encoded (a compressed ICC profile kept in the cache) go out unchanged.
"""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

WRITTEN_AGAINST = "7.1"


def add_object(writer: PdfWriter, obj: PdfObject) -> IndirectObject:
    """`obj` as an indirect object of the file `writer` writes; its reference."""
    return writer._add_object(obj)


def info(writer: PdfWriter) -> DictionaryObject:
    """The document information dictionary that `writer` writes (made if there is none)."""
    if writer._info is None:
        writer.add_metadata({})
    return writer._info.get_object()


def set_file_id(writer: PdfWriter, document: bytes, instance: bytes) -> None:
    """The trailer's /ID: the document's identifier, then this version's."""
    writer._ID = ArrayObject([ByteStringObject(document), ByteStringObject(instance)])


def encoded_stream(data: bytes, filter_name: str) -> StreamObject:
    """A stream of bytes already encoded with `filter_name` ('/FlateDecode'), written as
    they are."""
    stream = StreamObject()
    stream._data = data
    stream[NameObject("/Filter")] = NameObject(filter_name)
    return stream
