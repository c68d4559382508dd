"""Open an OOXML package (zip) defensively.

Refuses what is not a workbook package (missing file, legacy ``.xls``, non-zip,
truncated zip), zip bombs (a part, or the whole, inflating past a limit or at an
absurd ratio) and XML with a DOCTYPE (entity-expansion tricks). Keeps every
part's raw bytes and zip metadata so a writer can copy untouched parts verbatim.
"""
from __future__ import annotations

import os
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from ..errors import SheetsolverError

MAX_PART_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200          # inflated / compressed, checked for parts above MIN_RATIO_CHECK
MIN_RATIO_CHECK = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _declares(raw: bytes) -> bool:
    """Whether XML bytes hold a ``<!DOCTYPE`` or ``<!ENTITY`` declaration (any case),
    looking only where ``<!`` occurs rather than upper-casing the whole part."""
    i = raw.find(b"<!")
    while i >= 0:
        word = raw[i + 2:i + 9].upper()
        if word == b"DOCTYPE" or word.startswith(b"ENTITY"):
            return True
        i = raw.find(b"<!", i + 2)
    return False


@dataclass
class Package:
    """The parts of a package, in their original order, with their zip metadata."""
    path: str
    infos: list = field(default_factory=list)       # zipfile.ZipInfo, original order
    data: dict = field(default_factory=dict)        # part name -> bytes

    def has(self, name: str) -> bool:
        return name in self.data

    def read(self, name: str) -> bytes:
        return self.data[name]

    def checked(self, name: str) -> bytes:
        """A part's bytes, refusing DOCTYPE/ENTITY declarations."""
        raw = self.data[name]
        if _declares(raw):
            raise SheetsolverError(f"part {name} contains a DOCTYPE/ENTITY declaration; refusing "
                                   "to parse it (XML entity expansion attack?)", file=self.path)
        return raw

    def xml(self, name: str) -> ET.Element:
        """Parse a part as XML, refusing DOCTYPE/ENTITY declarations."""
        raw = self.checked(name)
        try:
            return ET.fromstring(raw)
        except ET.ParseError as e:
            raise SheetsolverError(f"part {name} is not well-formed XML ({e})", file=self.path)

    def elements(self, name: str, tags: tuple):
        """Stream a part's elements whose tag is in ``tags``, each when its end tag is read
        (ElementTree's pull parser: a big sheet part is never held as one tree). The
        caller may ``clear()`` what it has read; DOCTYPE/ENTITY refused as in :meth:`xml`."""
        parser = ET.XMLPullParser(events=("end",))
        raw = self.checked(name)
        try:
            for k in range(0, len(raw), 1 << 16):
                parser.feed(raw[k:k + (1 << 16)])
                for _, el in parser.read_events():
                    if el.tag in tags:
                        yield el
            parser.close()
            for _, el in parser.read_events():
                if el.tag in tags:
                    yield el
        except ET.ParseError as e:
            raise SheetsolverError(f"part {name} is not well-formed XML ({e})", file=self.path)


def open_package(path: str | os.PathLike) -> Package:
    path = os.fspath(path)
    if not os.path.exists(path):
        raise SheetsolverError("no such file", file=path)
    if os.path.isdir(path):
        raise SheetsolverError("is a directory, not a workbook", file=path)
    with open(path, "rb") as fh:
        magic = fh.read(8)
    if magic == _OLE_MAGIC:
        raise SheetsolverError("is a legacy binary .xls (BIFF/OLE) file; sheetsolver reads "
                               ".xlsx/.xlsm: open it in Excel or LibreOffice and save as .xlsx",
                               file=path)
    if not magic.startswith(b"PK"):
        raise SheetsolverError("is not an .xlsx/.xlsm workbook (not a zip package)", file=path)
    pkg = Package(path)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = 0
            for info in infos:
                if info.file_size > MAX_PART_BYTES:
                    raise SheetsolverError(f"part {info.filename} would inflate to "
                                           f"{info.file_size:,} bytes (limit {MAX_PART_BYTES:,}); "
                                           "refusing a possible zip bomb", file=path)
                if (info.file_size > MIN_RATIO_CHECK and info.compress_size
                        and info.file_size / info.compress_size > MAX_RATIO):
                    raise SheetsolverError(f"part {info.filename} has compression ratio "
                                           f"{info.file_size / info.compress_size:.0f}:1; "
                                           "refusing a possible zip bomb", file=path)
                total += info.file_size
                if total > MAX_TOTAL_BYTES:
                    raise SheetsolverError("package would inflate past "
                                           f"{MAX_TOTAL_BYTES:,} bytes; refusing a possible zip "
                                           "bomb", file=path)
            for info in infos:
                if info.is_dir():
                    continue
                with z.open(info) as fh:  # read in chunks: never trust the declared size
                    chunks, got = [], 0
                    while True:
                        b = fh.read(1 << 20)
                        if not b:
                            break
                        got += len(b)
                        if got > MAX_PART_BYTES or got > info.file_size + 1024:
                            raise SheetsolverError(f"part {info.filename} inflates past its "
                                                   "declared size; refusing a possible zip bomb",
                                                   file=path)
                        chunks.append(b)
                pkg.infos.append(info)
                pkg.data[info.filename] = b"".join(chunks)
    except SheetsolverError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as e:
        raise SheetsolverError(f"is a corrupt or truncated zip package ({e})", file=path)
    if "[Content_Types].xml" not in pkg.data or "xl/workbook.xml" not in pkg.data:
        raise SheetsolverError("is a zip file but not an Excel workbook "
                               "(no xl/workbook.xml)", file=path)
    return pkg
