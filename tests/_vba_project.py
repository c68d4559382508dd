"""Test helper: assemble a ``vbaProject.bin`` and a macro-enabled workbook from VBA source.

Why our own writer: no installed package writes OLE compound files (olefile only
reads), and tests need .xlsm files whose macros we choose.  The container is a
minimal MS-CFB version 3 file (512-byte sectors; streams under 4096 bytes in the
mini stream, 64-byte mini sectors); module source and the ``dir`` stream use
MS-OVBA's trivial form, raw (uncompressed) 4096-byte chunks, padding the source
with trailing blanks and the dir stream with bytes after its terminator record.
"""
from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def raw_chunks(data: bytes, fill: bytes) -> bytes:
    """MS-OVBA CompressedContainer made of raw chunks (data padded with ``fill``)."""
    if len(data) % 4096:
        data += fill * (4096 - len(data) % 4096)
    out = bytearray(b"\x01")
    for i in range(0, len(data), 4096):
        out += struct.pack("<H", 0x3FFF) + data[i:i + 4096]
    return bytes(out)


def _rec(rid: int, body: bytes) -> bytes:
    return struct.pack("<HI", rid, len(body)) + body


def dir_stream(modules: list[tuple[str, str]]) -> bytes:
    """Decompressed ``VBA/dir``: code page 1252, then one record group per (name, kind)."""
    out = _rec(0x0001, struct.pack("<I", 1)) + _rec(0x0003, struct.pack("<H", 1252))
    out += _rec(0x000F, struct.pack("<H", len(modules)))
    for name, kind in modules:
        b = name.encode("cp1252")
        out += _rec(0x0019, b) + _rec(0x0047, name.encode("utf-16-le"))
        out += _rec(0x001A, b) + _rec(0x0032, name.encode("utf-16-le"))
        out += _rec(0x0031, struct.pack("<I", 0))
        out += _rec(0x0022 if kind == "document" else 0x0021, b"")
        out += _rec(0x002B, b"")
    return out + _rec(0x0010, b"")


def cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file holding ``{"VBA/dir": ..., "PROJECT": ...}`` (one storage level)."""
    # directory tree: root -> top-level entries; storages -> their streams
    entries = [{"name": "Root Entry", "type": 5, "kids": []}]
    storages = {}
    for path, data in streams.items():
        parts = path.split("/")
        parent = 0
        if len(parts) == 2:
            if parts[0] not in storages:
                storages[parts[0]] = len(entries)
                entries.append({"name": parts[0], "type": 1, "kids": []})
                entries[0]["kids"].append(storages[parts[0]])
            parent = storages[parts[0]]
        entries.append({"name": parts[-1], "type": 2, "data": data, "kids": []})
        entries[parent]["kids"].append(len(entries) - 1)
    for e in entries:   # children as a right-leaning chain, in CFB's name order
        kids = sorted(e["kids"], key=lambda k: (len(entries[k]["name"]),
                                                entries[k]["name"].upper()))
        e["child"] = kids[0] if kids else NOSTREAM
        for a, b in zip(kids, kids[1:]):
            entries[a]["right"] = b
    # mini stream and big streams
    mini, minifat = bytearray(), []
    big = []
    for e in entries:
        data = e.get("data")
        if data is None:
            continue
        if len(data) < CUTOFF:
            n = -(-len(data) // MINI) or 0
            e["start"] = len(mini) // MINI if n else END
            for k in range(n):
                minifat.append(len(mini) // MINI + k + 1 if k < n - 1 else END)
            mini += data + b"\0" * (n * MINI - len(data))
        else:
            big.append(e)
    sectors: list[bytes] = []
    fat: list[int] = []

    def place(blob: bytes) -> int:
        n = -(-len(blob) // SECTOR)
        if n == 0:
            return END
        first = len(sectors)
        blob = blob + b"\0" * (n * SECTOR - len(blob))
        for k in range(n):
            sectors.append(blob[k * SECTOR:(k + 1) * SECTOR])
            fat.append(first + k + 1 if k < n - 1 else END)
        return first

    entries[0]["start"] = place(bytes(mini))
    entries[0]["size"] = len(mini)
    for e in big:
        e["start"] = place(e["data"])
    minifat_start = place(b"".join(struct.pack("<I", v) for v in minifat)) if minifat else END
    n_minifat = -(-len(minifat) * 4 // SECTOR)
    dir_bytes = b""
    for e in entries:
        name = e["name"].encode("utf-16-le") + b"\0\0"
        size = e.get("size", len(e.get("data", b"")))
        dir_bytes += (name.ljust(64, b"\0") + struct.pack("<HBB", len(name), e["type"], 1)
                      + struct.pack("<III", e.get("left", NOSTREAM), e.get("right", NOSTREAM),
                                    e["child"])
                      + b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16
                      + struct.pack("<IQ", e.get("start", END) if e["type"] != 1 else 0, size))
    dir_start = place(dir_bytes)
    # FAT sectors describe themselves too
    n_fat = 1
    while (len(sectors) + n_fat) * 4 > n_fat * SECTOR:
        n_fat += 1
    fat_first = len(sectors)
    fat += [FATSECT] * n_fat
    fat += [FREE] * (n_fat * SECTOR // 4 - len(fat))
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    for k in range(n_fat):
        sectors.append(fat_bytes[k * SECTOR:(k + 1) * SECTOR])
    assert n_fat <= 109
    difat = [fat_first + k for k in range(n_fat)] + [FREE] * (109 - n_fat)
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, CUTOFF, minifat_start,
                            n_minifat, END, 0)
              + b"".join(struct.pack("<I", v) for v in difat))
    assert len(header) == SECTOR
    return header + b"".join(sectors)


def vba_project(modules: dict[str, str], kinds: dict[str, str] | None = None) -> bytes:
    """``vbaProject.bin`` for ``{module name: source}``; ``kinds[name]`` is 'document'
    for sheet/workbook modules (default 'standard')."""
    kinds = kinds or {}
    streams = {}
    order = list(modules)
    streams["VBA/dir"] = raw_chunks(dir_stream([(m, kinds.get(m, "standard")) for m in order]),
                                    b"\0")
    project = ['ID="{00000000-0000-0000-0000-000000000000}"']
    for m in order:
        src = f'Attribute VB_Name = "{m}"\r\n' + modules[m].replace("\r\n", "\n") \
            .replace("\n", "\r\n")
        streams[f"VBA/{m}"] = raw_chunks(src.encode("cp1252"), b" ")
        project.append(f"Document={m}/&H00000000" if kinds.get(m) == "document"
                       else f"Module={m}")
    streams["VBA/_VBA_PROJECT"] = b"\xcc\x61\xff\xff\x00"
    streams["PROJECT"] = ("\r\n".join(project + ['Name="VBAProject"', "", "[Host Extender Info]",
                                                 ""])).encode("cp1252")
    return cfb(streams)


_MACRO_WB = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
_XLSX_WB = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def add_vba(xlsx: Path, out: Path, modules: dict[str, str], kinds: dict[str, str]) -> Path:
    """Copy ``xlsx`` to ``out`` (.xlsm) with ``xl/vbaProject.bin`` built from ``modules``."""
    with zipfile.ZipFile(xlsx) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                text = data.decode().replace(_XLSX_WB, _MACRO_WB)
                text = text.replace("<Default ", '<Default Extension="bin" ContentType='
                                    '"application/vnd.ms-office.vbaProject"/><Default ', 1)
                data = text.encode()
            elif item.filename == "xl/_rels/workbook.xml.rels":
                text = data.decode()
                text = text.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://'
                                    'schemas.microsoft.com/office/2006/relationships/vbaProject" '
                                    'Target="vbaProject.bin"/></Relationships>')
                data = text.encode()
            zout.writestr(item, data)
        zout.writestr("xl/vbaProject.bin", vba_project(modules, kinds))
    return out


def xlsm(tmp_path: Path, sheets: dict, modules: dict[str, str], *, codenames=None,
         names=None, name="book.xlsm") -> Path:
    """Write a macro-enabled workbook.

    ``sheets``: {tab: {A1: value or formula}}; ``codenames``: {tab: code name} (each a
    document module of ``modules``; tabs without one get none); ``names``:
    [(name, text, tab or None)] defined names (tab = sheet-scoped); other modules
    are standard modules.  The workbook's own module is ``ThisWorkbook``.
    """
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName

    codenames = codenames or {}
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.code_name = "ThisWorkbook"
    for tab, cells in sheets.items():
        ws = wb.create_sheet(tab)
        if tab in codenames:
            ws.sheet_properties.codeName = codenames[tab]
        for ref, v in cells.items():
            ws[ref] = v
    for n, text, tab in names or []:
        dn = DefinedName(n, attr_text=text)
        if tab is None:
            wb.defined_names[n] = dn
        else:
            wb[tab].defined_names[n] = dn
    tmp = tmp_path / (name + ".tmp.xlsx")
    wb.save(tmp)
    kinds = {m: "document" for m in set(codenames.values()) | {"ThisWorkbook"}}
    mods = {"ThisWorkbook": "", **modules}
    out = add_vba(tmp, tmp_path / name, mods, kinds)
    tmp.unlink()
    return out


def sheet_refs(text: str) -> list[str]:
    """A1 references in a formula (helper for fixtures)."""
    return re.findall(r"\$?[A-Z]{1,3}\$?\d+", text)
