"""Read VBA module source code out of an Office ``vbaProject.bin`` (MS-OVBA).

Why: the fast.ai spreadsheets drive their optimisers with small macros; to step
them without Excel we need the macro *source*.  The source lives compressed
(MS-OVBA 2.4.1) inside OLE streams named in the (also compressed) ``VBA/dir``
stream.  Only the standard library plus :mod:`olefile` is used.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sheetsolver.errors import SheetsolverError

__all__ = ["decompress", "ModuleInfo", "read_dir_stream", "read_vba_modules",
           "read_vba_modules_info", "read_vba_from_package"]


class _Corrupt(ValueError):
    """Internal: malformed bytes; converted to SheetsolverError at the API edge."""


def decompress(data: bytes, start: int = 0) -> bytes:
    """Decompress an MS-OVBA CompressedContainer beginning at ``data[start]``.

    Implements the algorithm of MS-OVBA section 2.4.1.3: a signature byte 0x01,
    then chunks of at most 4096 decompressed bytes, each either raw or a
    sequence of flag bytes followed by 8 literal/copy tokens.
    """
    if start >= len(data) or data[start] != 0x01:
        raise _Corrupt("compressed container does not start with signature byte 0x01")
    out = bytearray()
    pos = start + 1
    end = len(data)
    while pos < end:
        if pos + 2 > end:
            raise _Corrupt("truncated compressed chunk header")
        header = data[pos] | (data[pos + 1] << 8)
        size = (header & 0x0FFF) + 3          # whole chunk incl. 2-byte header
        if (header >> 12) & 0x7 != 0b011:
            raise _Corrupt(f"bad compressed chunk signature at byte {pos}")
        compressed = bool(header & 0x8000)
        chunk_end = min(pos + size, end)
        pos += 2
        chunk_start = len(out)
        if not compressed:
            if pos + 4096 > end:
                raise _Corrupt("truncated raw (uncompressed) chunk")
            out += data[pos:pos + 4096]
            pos += 4096
            continue
        while pos < chunk_end:
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not (flags >> bit) & 1:          # literal token
                    out.append(data[pos])
                    pos += 1
                    continue
                if pos + 2 > chunk_end:
                    raise _Corrupt("truncated copy token")
                token = data[pos] | (data[pos + 1] << 8)
                pos += 2
                diff = len(out) - chunk_start
                bit_count = max((diff - 1).bit_length(), 4)
                length_mask = 0xFFFF >> bit_count
                length = (token & length_mask) + 3
                offset = (token >> (16 - bit_count)) + 1
                if offset > diff:
                    raise _Corrupt("copy token points before the start of the chunk")
                src = len(out) - offset
                for k in range(length):              # may overlap: copy bytewise
                    out.append(out[src + k])
    return bytes(out)


@dataclass
class ModuleInfo:
    """One module as described by the ``VBA/dir`` stream."""
    name: str
    stream_name: str
    text_offset: int
    kind: str  # 'standard', 'document' (sheet or ThisWorkbook) or 'class'


# Record ids used below (MS-OVBA 2.3.4.2).
_PROJECTCODEPAGE = 0x0003
_PROJECTVERSION = 0x0009          # its size field lies: 4, but 6 bytes follow
_MODULENAME = 0x0019
_MODULENAMEUNICODE = 0x0047
_MODULESTREAMNAME = 0x001A
_MODULESTREAMNAMEUNICODE = 0x0032
_MODULEOFFSET = 0x0031
_MODULETYPE_PROCEDURAL = 0x0021
_MODULETYPE_DOCUMENT = 0x0022
_MODULETERMINATOR = 0x002B
_DIRTERMINATOR = 0x0010


def read_dir_stream(dir_decompressed: bytes) -> tuple[str, list[ModuleInfo]]:
    """Parse a decompressed ``VBA/dir`` stream into (python codec, modules)."""
    pos = 0
    n = len(dir_decompressed)
    codec = "cp1252"
    modules: list[ModuleInfo] = []
    cur: dict | None = None
    while pos + 6 <= n:
        rid, size = struct.unpack_from("<HI", dir_decompressed, pos)
        pos += 6
        if rid == _PROJECTVERSION:
            size = 6
        if pos + size > n:
            raise _Corrupt(f"dir record 0x{rid:04X} runs past the end of the stream")
        body = dir_decompressed[pos:pos + size]
        pos += size
        if rid == _PROJECTCODEPAGE and size >= 2:
            cp = struct.unpack_from("<H", body)[0]
            codec = _codec_for(cp)
        elif rid == _MODULENAME:
            cur = {"name": body.decode(codec, "replace"), "kind": "standard"}
        elif cur is not None and rid == _MODULENAMEUNICODE:
            cur["name"] = body.decode("utf-16-le", "replace")
        elif cur is not None and rid == _MODULESTREAMNAME:
            cur["stream"] = body.decode(codec, "replace")
        elif cur is not None and rid == _MODULESTREAMNAMEUNICODE:
            cur["stream"] = body.decode("utf-16-le", "replace")
        elif cur is not None and rid == _MODULEOFFSET and size >= 4:
            cur["offset"] = struct.unpack_from("<I", body)[0]
        elif cur is not None and rid == _MODULETYPE_DOCUMENT:
            cur["kind"] = "document"
        elif cur is not None and rid == _MODULETYPE_PROCEDURAL:
            cur["kind"] = "standard"
        elif rid == _MODULETERMINATOR and cur is not None:
            if "offset" not in cur:
                raise _Corrupt(f"module {cur['name']!r} has no MODULEOFFSET record")
            modules.append(ModuleInfo(cur["name"], cur.get("stream", cur["name"]),
                                      cur["offset"], cur["kind"]))
            cur = None
        elif rid == _DIRTERMINATOR:
            break
    return codec, modules


def _codec_for(code_page: int) -> str:
    """Map a Windows code page number to a Python codec name (fallback cp1252)."""
    if code_page == 65001:
        return "utf-8"
    name = f"cp{code_page}"
    try:
        "".encode(name)
    except LookupError:
        return "cp1252"
    return name


# Module (``Attribute VB_Name = ..``) and procedure (``Attribute onestep.VB_ProcData
# .VB_Invoke_Func = ..``, written for macros with a shortcut key) attributes.
_ATTRIBUTE_LINE = re.compile(r"^\s*Attribute\s+([\w.]*\.)?VB_[\w.]+\s*=.*$", re.IGNORECASE)


def _strip_attributes(text: str) -> str:
    """Drop the hidden ``Attribute VB_...`` lines and normalise newlines.

    What is left is exactly what the VBA editor shows, so line numbers in
    error messages match the editor's.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(ln for ln in text.split("\n") if not _ATTRIBUTE_LINE.match(ln))


def read_vba_modules_info(vba_project_bin: bytes, *, file: str | None = None
                          ) -> list[tuple[ModuleInfo, str]]:
    """Like :func:`read_vba_modules` but also return each module's dir info."""
    import olefile  # local import: only needed for macro-enabled workbooks

    try:
        if not olefile.isOleFile(io.BytesIO(vba_project_bin)):
            raise _Corrupt("vbaProject.bin is not an OLE compound file")
        ole = olefile.OleFileIO(io.BytesIO(vba_project_bin))
    except _Corrupt as exc:
        raise SheetsolverError(str(exc), file=file) from None
    except Exception as exc:  # olefile raises assorted errors on junk
        raise SheetsolverError(f"cannot open VBA project container: {exc}", file=file) from None
    try:
        root = _vba_root(ole)
        if not ole.exists(root + "dir"):
            raise _Corrupt("VBA project has no 'VBA/dir' stream")
        codec, modules = read_dir_stream(decompress(ole.openstream(root + "dir").read()))
        kinds = _project_stream_kinds(ole, root, codec)
        result = []
        for mod in modules:
            path = root + mod.stream_name
            if not ole.exists(path):
                raise _Corrupt(f"module stream {mod.stream_name!r} is missing")
            raw = ole.openstream(path).read()
            if mod.text_offset > len(raw):
                raise _Corrupt(f"module {mod.name!r}: source offset beyond stream end")
            mod.kind = kinds.get(mod.name.lower(), mod.kind)
            text = decompress(raw, mod.text_offset).decode(codec, "replace")
            result.append((mod, _strip_attributes(text)))
        return result
    except _Corrupt as exc:
        raise SheetsolverError(f"corrupt VBA project: {exc}", file=file) from None
    except (IndexError, struct.error, OSError, ValueError) as exc:   # olefile on junk
        raise SheetsolverError(f"corrupt VBA project: {exc}", file=file) from None
    finally:
        ole.close()


_PROJECT_KIND = {"document": "document", "module": "standard", "class": "class",
                 "baseclass": "class"}


def _project_stream_kinds(ole, root: str, codec: str) -> dict[str, str]:
    """Module kinds from the plain-text ``PROJECT`` stream (MS-OVBA 2.3.1).

    The dir stream only says procedural vs "document/class"; the PROJECT
    stream tells sheet/workbook (``Document=``) from class modules
    (``Class=``/``BaseClass=``).  Missing or unreadable: ``{}``.
    """
    path = root[:-len("VBA/")] + "PROJECT" if root.endswith("VBA/") else "PROJECT"
    if not ole.exists(path):
        return {}
    text = ole.openstream(path).read().decode(codec, "replace")
    kinds: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("["):
            break
        key, sep, value = line.partition("=")
        kind = _PROJECT_KIND.get(key.strip().lower())
        if sep and kind:
            kinds[value.split("/")[0].strip().strip('"').lower()] = kind
    return kinds


def _vba_root(ole) -> str:
    """Storage prefix holding ``dir``: 'VBA/' in Excel, possibly nested elsewhere."""
    if ole.exists("VBA/dir"):
        return "VBA/"
    for entry in ole.listdir():
        if len(entry) >= 2 and entry[-1].lower() == "dir" and entry[-2].upper() == "VBA":
            return "/".join(entry[:-1]) + "/"
    return "VBA/"


def read_vba_modules(vba_project_bin: bytes, *, file: str | None = None) -> dict[str, str]:
    """Return ``{module name: source text}`` (``Attribute VB_`` lines removed)."""
    return {mod.name: text for mod, text in read_vba_modules_info(vba_project_bin, file=file)}


def read_vba_from_package(path) -> dict[str, str]:
    """Open an .xlsm/.xlsb zip and return its modules; ``{}`` if it has no macros."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            try:
                data = zf.read("xl/vbaProject.bin")
            except KeyError:
                return {}
    except (OSError, zipfile.BadZipFile) as exc:
        raise SheetsolverError(f"cannot read workbook package: {exc}", file=str(path)) from None
    return read_vba_modules(data, file=str(path))
