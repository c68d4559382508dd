"""Tests for sheetsolver.vba: MS-OVBA extraction, the safe-subset checker and
the interpreter (run against a small dict-backed fake Host)."""
from __future__ import annotations

import re
import struct

import pytest

from conftest import FASTAI, fastai_book
from sheetsolver.errors import SheetsolverError
from sheetsolver.vba import (MacroRefused, MacroRuntimeError, RangeRef, decompress,
                             excel_end_down, load_macros, load_macros_from_package,
                             macros_by_sheet, read_vba_from_package, read_vba_modules,
                             sheet_codenames)
from sheetsolver.vba.checker import METHODS, PROPERTIES
from sheetsolver.vba.ovba import read_dir_stream

GRADDESC = FASTAI / "graddesc-2019.xlsm"
SHEET_MODULES = ["basic", "momentum", "rmsprop", "adam", "adam_ann"]


def _need_real_file():
    fastai_book(GRADDESC.name)


def _real_project():
    """The macros of the real graddesc workbook (the test skips when it is absent)."""
    _need_real_file()
    return load_macros_from_package(GRADDESC)


# --------------------------------------------------------------------------
# fake host
# --------------------------------------------------------------------------

def _col(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$")


class FakeHost:
    """Dict-backed grid; ``recalc(host)`` plays the formulas.  Logs every call."""

    def __init__(self, cells=None, names=None, recalc=None, mode="automatic"):
        self.cells: dict[tuple[str, int, int], object] = dict(cells or {})
        self.names: dict[tuple[str, str], RangeRef] = dict(names or {})
        self.recalc = recalc or (lambda host: None)
        self.mode = mode
        self.log: list[tuple] = []

    # helpers for tests
    def get(self, sheet, a1):
        area = self.resolve(a1, sheet)
        return self.cells.get((sheet, area.r1, area.c1))

    def put(self, sheet, a1, value):
        area = self.resolve(a1, sheet)
        self.cells[(sheet, area.r1, area.c1)] = value

    @property
    def writes(self):
        return [e for e in self.log if e[0] in ("set", "clear")]

    @property
    def calc_events(self):
        return [e for e in self.log if e[0] in ("calculate", "set_calculation")]

    # Host protocol
    def resolve(self, ref, sheet):
        if "!" in ref:
            sheet, ref = ref.split("!", 1)
            sheet = sheet.strip("'")
        key = (sheet, ref.lower())
        if key in self.names:
            return self.names[key]
        m = _A1.match(ref)
        if not m:
            raise SheetsolverError(f"unknown name {ref!r}", sheet=sheet)
        c1, r1 = _col(m.group(1)), int(m.group(2))
        c2, r2 = (_col(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
        return RangeRef(sheet, r1, c1, r2, c2)

    def get_values(self, area):
        return [[self.cells.get((area.sheet, r, c)) for c in range(area.c1, area.c2 + 1)]
                for r in range(area.r1, area.r2 + 1)]

    def set_values(self, area, values):
        self.log.append(("set", area, values))
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                key = (area.sheet, area.r1 + i, area.c1 + j)
                if v is None:
                    self.cells.pop(key, None)
                else:
                    self.cells[key] = v
        if self.mode == "automatic":
            self.recalc(self)

    def clear(self, area):
        self.log.append(("clear", area))
        for r in range(area.r1, area.r2 + 1):
            for c in range(area.c1, area.c2 + 1):
                self.cells.pop((area.sheet, r, c), None)
        if self.mode == "automatic":
            self.recalc(self)

    def last_in_column_down(self, sheet, row, col):
        return excel_end_down(lambda r: self.cells.get((sheet, r, col)) is None, row)

    def calculate(self, sheet=None):
        self.log.append(("calculate", sheet))
        self.recalc(self)

    def set_calculation(self, mode):
        self.log.append(("set_calculation", mode))
        self.mode = mode
        if mode == "automatic":
            self.recalc(self)

    def get_calculation(self):
        return self.mode


# the names the adam sheets' macros use
ADAM_NAMES = dict(const="C1", slope="C2", lr="D2", lastconst="C32", lastslope="D32",
                  momlast="J32:K32", momtarget="J33:K33", ms_last="L32:M32",
                  gradtarget="L33:M33")


def _names(sheet, **areas):
    out = {}
    for name, a1 in areas.items():
        m = _A1.match(a1)
        c1, r1 = _col(m.group(1)), int(m.group(2))
        c2, r2 = (_col(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
        out[(sheet, name.lower())] = RangeRef(sheet, r1, c1, r2, c2)
    return out


# --------------------------------------------------------------------------
# MS-OVBA decompression and dir stream
# --------------------------------------------------------------------------

def test_decompress_spec_no_compression_example():
    # MS-OVBA 3.2.1: every token is a literal.
    data = bytes.fromhex("01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70"
                         " 00 71 72 73 74 75 76 2E")
    assert decompress(data) == b"abcdefghijklmnopqrstuv."


def test_decompress_spec_normal_compression_example():
    # MS-OVBA 3.2.2: literals mixed with copy tokens.
    data = bytes.fromhex("01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A"
                         " 01 38 08 61 6B 6C 00 30 6D 6E 6F 70 06 71 02 70 04 10 72 73 74"
                         " 75 76 10 77 78 79 7A 00 3C")
    assert decompress(data) == b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"


def test_decompress_overlapping_copy_token():
    # 'a' then copy token 0x0045: 4 offset bits -> offset 1, length 0x45 + 3 = 72.
    assert decompress(bytes.fromhex("01 03 B0 02 61 45 00")) == b"a" * 73


def test_decompress_raw_chunk_and_start_offset():
    raw = bytes(range(256)) * 16                      # 4096 bytes
    container = b"\x01" + struct.pack("<H", 0x3FFF) + raw
    assert decompress(b"junk" + container, start=4) == raw


def test_decompress_rejects_garbage():
    with pytest.raises(ValueError):
        decompress(b"\x02\x00\x00")
    with pytest.raises(ValueError):
        decompress(bytes.fromhex("01 03 00 02 61 45 00"))   # bad chunk signature


def _rec(rid, body: bytes) -> bytes:
    return struct.pack("<HI", rid, len(body)) + body


def test_read_dir_stream_records():
    dir_stream = (
        _rec(0x0001, struct.pack("<I", 1))
        + _rec(0x0003, struct.pack("<H", 1252))
        + _rec(0x0004, b"VBAProject")
        # PROJECTVERSION: size field says 4 but 6 bytes follow
        + struct.pack("<HIIH", 0x0009, 4, 1, 2)
        + _rec(0x000F, struct.pack("<H", 2)) + _rec(0x0013, b"\xff\xff")
        + _rec(0x0019, b"Module1") + _rec(0x0047, "Module1".encode("utf-16-le"))
        + _rec(0x001A, b"Module1") + _rec(0x0032, "Module1".encode("utf-16-le"))
        + _rec(0x0031, struct.pack("<I", 1234)) + _rec(0x0021, b"") + _rec(0x002B, b"")
        + _rec(0x0019, b"Feuil1") + _rec(0x001A, b"Feuil1")
        + _rec(0x0031, struct.pack("<I", 99)) + _rec(0x0022, b"") + _rec(0x002B, b"")
        + _rec(0x0010, b"")
    )
    codec, mods = read_dir_stream(dir_stream)
    assert codec == "cp1252"
    assert [(m.name, m.stream_name, m.text_offset, m.kind) for m in mods] == [
        ("Module1", "Module1", 1234, "standard"), ("Feuil1", "Feuil1", 99, "document")]


def test_corrupt_container_raises_sheetsolver_error():
    with pytest.raises(SheetsolverError, match="not an OLE"):
        read_vba_modules(b"this is not an OLE file", file="x.xlsm")


def test_truncated_real_container_raises_sheetsolver_error():
    _need_real_file()
    import zipfile
    data = zipfile.ZipFile(GRADDESC).read("xl/vbaProject.bin")
    for cut in (512, len(data) // 2, len(data) - 5000):
        with pytest.raises(SheetsolverError):
            read_vba_modules(data[:cut], file="graddesc.xlsm")


def test_excel_end_down_semantics():
    filled = {3, 4, 5, 9}
    blank = lambda r: r not in filled
    assert excel_end_down(blank, 3) == 5        # inside a block: its last cell
    assert excel_end_down(blank, 5) == 9        # last of a block: next non-blank
    assert excel_end_down(blank, 1) == 3        # from a blank: next non-blank
    assert excel_end_down(blank, 9) == 1_048_576  # nothing below: last row


def test_package_without_macros(tmp_path):
    import zipfile
    p = tmp_path / "plain.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert read_vba_from_package(p) == {}


# --------------------------------------------------------------------------
# the real workbook
# --------------------------------------------------------------------------

def test_real_modules_and_sub_names():
    _need_real_file()
    mods = read_vba_from_package(GRADDESC)
    assert sorted(mods) == sorted(["ThisWorkbook", "data"] + SHEET_MODULES)
    for name in SHEET_MODULES:
        subs = re.findall(r"^\s*Sub (\w+)\(\)", mods[name], re.M)
        assert subs == ["onestep", "somesteps", "reset"], name
        assert "Attribute VB_" not in mods[name]
    assert mods["ThisWorkbook"].strip() == "" and mods["data"].strip() == ""
    assert mods["basic"].splitlines()[0] == "Sub onestep()"
    assert '    Range("rmsestart").End(xlDown).Offset(1, 0).PasteSpecial ' \
           'Paste:=xlPasteValues' in mods["basic"]


def test_real_macros_by_sheet_and_codenames():
    _need_real_file()
    assert sheet_codenames(GRADDESC) == {"Sheet1": None, "data": "data", "basic": "basic",
                                         "momentum": "momentum", "rmsprop": "rmsprop",
                                         "adam": "adam", "adam_ann": "adam_ann"}
    expected = {"Sheet1": [], "data": []}
    expected.update({s: ["onestep", "somesteps", "reset"] for s in SHEET_MODULES})
    assert macros_by_sheet(GRADDESC) == expected


def test_every_real_macro_passes_check():
    project = _real_project()
    assert len(project.macros) == 15
    for m in project.macros:
        assert m.module_kind == "document"
        project.check(m.name, m.module)
    for sheet in SHEET_MODULES:
        assert project.find("onestep", sheet).module == sheet
        assert project.module_sheet(sheet) == sheet
    with pytest.raises(SheetsolverError, match="no macro 'onestep' .*defined in modules"):
        project.find("onestep")                           # sheet modules need the sheet
    assert project.find("[0]!basic.somesteps").module == "basic"   # button syntax


def _basic_host():
    """basic sheet: C1 const, C2 slope, C32/D32 last const/slope, F33 rmse,
    C36 'rmsestart' header, log C38:C106.  Fake formulas: last* = half, rmse = sum."""
    names = _names("basic", const="C1", slope="C2", lastconst="C32", lastslope="D32",
                   rmse="F33", rmsestart="C36", rmses="C38:C106")

    def recalc(h):
        h.put("basic", "C32", h.get("basic", "C1") / 2)
        h.put("basic", "D32", h.get("basic", "C2") / 2)
        h.put("basic", "F33", h.get("basic", "C1") + h.get("basic", "C2"))

    host = FakeHost(names=names, recalc=recalc)
    for a1, v in {"C1": 1.0, "C2": 1.0, "C36": "Errors", "C37": "rmse", "C38": 9.0,
                  "C39": 8.0}.items():
        host.put("basic", a1, v)
    recalc(host)
    return host


def test_real_basic_onestep_logs_rmse_below_last_entry():
    project = _real_project()
    host = _basic_host()
    project.run("onestep", host, "basic")
    assert host.get("basic", "C2") == 0.5 and host.get("basic", "C1") == 0.5
    assert host.get("basic", "F33") == 1.0
    assert host.get("basic", "C40") == 1.0                # appended after C38:C39
    assert host.get("basic", "C39") == 8.0
    assert host.calc_events == [("set_calculation", "manual"),
                                ("set_calculation", "automatic")]
    assert host.mode == "automatic"


def test_real_basic_reset_then_somesteps():
    project = _real_project()
    host = _basic_host()
    host.put("basic", "C2", 7.0)
    project.run("reset", host, "basic")
    assert host.get("basic", "C2") == 1.0 and host.get("basic", "C1") == 1.0
    assert host.get("basic", "C38") is None and host.get("basic", "C39") is None
    assert ("clear", RangeRef("basic", 38, 3, 106, 3)) in host.log
    assert host.calc_events == [("calculate", None)]
    host.log.clear()
    project.run("somesteps", host, "basic")
    # each step halves slope and const; the rmse after the step is logged
    assert [host.get("basic", f"C{r}") for r in range(38, 44)] == \
        [1.0, 0.5, 0.25, 0.125, 0.0625, None]
    assert host.get("basic", "C2") == 1 / 32
    assert host.calc_events == [("set_calculation", "manual"),
                                ("set_calculation", "automatic")] * 5


def test_real_adam_reset_and_onestep_copies():
    project = _real_project()
    s = "adam"
    names = _names(s, **ADAM_NAMES)

    def recalc(h):   # fake formulas: "last" rows depend on the target rows
        h.put(s, "J32", (h.get(s, "J33") or 0) + 1)
        h.put(s, "K32", (h.get(s, "K33") or 0) + 2)
        h.put(s, "L32", (h.get(s, "L33") or 0) / 10)
        h.put(s, "M32", (h.get(s, "M33") or 0) / 100)
        h.put(s, "C32", h.get(s, "C1") + 1)
        h.put(s, "D32", h.get(s, "C2") * 2)

    host = FakeHost(names=names, recalc=recalc)
    for a1, v in {"C1": 5.0, "C2": 6.0, "D2": 0.5, "J33": 3.0, "K33": 4.0}.items():
        host.put(s, a1, v)
    recalc(host)
    project.run("reset", host, s)
    # reset writes 10000 into both gradtarget cells and 0 into momtarget, then
    # copies momlast/ms_last back twice (automatic mode recalcs after each write)
    assert host.get(s, "C2") == 1.0 and host.get(s, "C1") == 1.0 and host.get(s, "D2") == 1.0
    assert (host.get(s, "L33"), host.get(s, "M33")) == (100.0, 1.0)
    assert (host.get(s, "J33"), host.get(s, "K33")) == (2.0, 4.0)
    first_writes = host.writes[:2]
    assert first_writes == [("set", RangeRef(s, 33, 12, 33, 13), [[10000.0, 10000.0]]),
                            ("set", RangeRef(s, 33, 10, 33, 11), [[0.0, 0.0]])]
    host.log.clear()
    host.mode = "manual"
    project.run("onestep", host, s)
    # manual mode: every copy uses values from before the step
    assert (host.get(s, "L33"), host.get(s, "M33")) == (10.0, 0.01)
    assert (host.get(s, "J33"), host.get(s, "K33")) == (3.0, 6.0)
    assert host.get(s, "C2") == 2.0 and host.get(s, "C1") == 2.0
    assert host.calc_events == [("calculate", "adam")]
    assert host.get(s, "D32") == 4.0                     # recalculated at the end


def test_real_adam_ann_somesteps_control_flow():
    project = _real_project()
    s = "adam_ann"
    names = _names(s, **ADAM_NAMES, avg_grad2="N33", gradrat="N34", prev_grad2="N3")
    host = FakeHost(mode="automatic", names=names)
    for a1, v in {"C1": 1.0, "C2": 1.0, "D2": 1.0, "C32": 1.0, "D32": 1.0, "J32": 0.0,
                  "K32": 0.0, "L32": 0.0, "M32": 0.0, "N33": 0.5, "N34": 3.0,
                  "N3": 1.0}.items():
        host.put(s, a1, v)
    project.run("somesteps", host, s)
    assert host.get(s, "D2") == 1 / 4 ** 5                # gradrat 3 > 2 every time
    assert host.get(s, "N3") == 0.5                       # copied once (0.5 < 1)
    prev_writes = [w for w in host.writes if w[1] == RangeRef(s, 3, 14, 3, 14)]
    assert len(prev_writes) == 1
    assert host.calc_events == ([("set_calculation", "manual")]
                                + [("calculate", s)] * 10
                                + [("set_calculation", "automatic")])


# --------------------------------------------------------------------------
# interpreter on inline sources
# --------------------------------------------------------------------------

def _run(src, host=None, macro="main", sheet="S"):
    host = host or FakeHost()
    load_macros({"Module1": src}).run(macro, host, sheet)
    return host


def test_control_flow_and_operators():
    src = """Option Explicit
' comment line
Sub main()
    Dim i As Long, total As Double
    total = 0
    For i = 10 To 1 Step -3: total = total + i: Next i   ' 10+7+4+1
    Range("A1").Value = total
    Range("A2") = 7 \\ 2 & "/" & 7 Mod 3 & "/" & 2 ^ 3 ^ 2 & "/" & -2 ^ 2
    If total > 100 Then
        Range("A3") = "big"
    ElseIf total = 22 And Not total < 0 Then
        Range("A3") = "right"
    Else
        Range("A3") = "small"
    End If
    If Range("A1") = 22 Then Range("A4").Value = 1 Else Range("A4").Value = 2
    i = 0
    Do While i < 5
        i = i + 1
        If i = 3 Then Exit Do
    Loop
    Range("A5").Value = i
    Rem another comment
    Range("A6").Value = "a""b" & _
        "c"
    Call helper
End Sub

Private Sub helper()
    Range("B1:C2").Value = 0.5
    Range("D1", "D2") = Range("A1").Value + Abs(-1)
End Sub
"""
    host = _run(src)
    assert host.get("S", "A1") == 22.0
    assert host.get("S", "A2") == "3/1/64/-4"
    assert host.get("S", "A3") == "right"
    assert host.get("S", "A4") == 1.0
    assert host.get("S", "A5") == 3.0
    assert host.get("S", "A6") == 'a"bc'
    assert [host.get("S", a) for a in ("B1", "C1", "B2", "C2", "D1", "D2")] == \
        [0.5] * 4 + [23.0, 23.0]


def test_selection_paste_tiling_offset_and_sheets():
    src = """Sub main()
    Application.ScreenUpdating = False
    Sheets("Other").Range("A1:B1").Copy
    Range("A1:B2").Select
    Selection.PasteSpecial Paste:=xlPasteValues
    Application.CutCopyMode = False
    Range("A1").Offset(3, 1).Value = Worksheets("Other").Range("B1").Value * 2
    Range("C1").Copy
    Range("C5").PasteSpecial xlPasteValues
    ActiveSheet.Calculate
    Application.Calculate
    Calculate
End Sub
"""
    host = FakeHost()
    host.put("Other", "A1", 1.0)
    host.put("Other", "B1", "x")
    host.put("S", "C1", None)
    with pytest.raises(MacroRuntimeError, match=r"macro 'main' line 7: .*type mismatch"):
        _run(src, host)
    host.put("Other", "B1", 4.0)
    _run(src, host)
    assert [[host.get("S", f"{c}{r}") for c in "AB"] for r in (1, 2)] == [[1.0, 4.0]] * 2
    assert host.get("S", "B4") == 8.0
    assert host.calc_events[-3:] == [("calculate", "S"), ("calculate", None),
                                     ("calculate", None)]


def test_runtime_error_names_line_and_keeps_earlier_writes():
    src = "Sub main()\n    Range(\"A1\").Value = 1\n    Range(\"nope\").Value = 2\nEnd Sub\n"
    host = FakeHost()
    with pytest.raises(MacroRuntimeError, match=r"macro 'main' line 3: unknown name 'nope'"):
        _run(src, host)
    assert host.get("S", "A1") == 1.0


def test_endless_loop_hits_step_limit():
    src = "Sub main()\n    Do\n    Loop\nEnd Sub\n"
    with pytest.raises(MacroRuntimeError, match="step limit"):
        load_macros({"M": src}).run("main", FakeHost(), "S", max_steps=1000)


def test_unqualified_range_in_sheet_module_uses_module_sheet():
    project = load_macros({"Sheet3": "Sub go()\n    Range(\"A1\") = 5\n"
                                     "    ActiveSheet.Calculate\nEnd Sub\n"},
                          kinds={"Sheet3": "document"}, codenames={"basic": "Sheet3"})
    assert project.find("go", "basic").module == "Sheet3"
    host = FakeHost()
    project.run("go", host, "data", module="Sheet3")
    assert host.get("basic", "A1") == 5.0 and host.get("data", "A1") is None
    assert host.calc_events == [("calculate", "data")]


def test_module_variables_and_constants():
    src = ("Option Explicit\nConst STEP_SIZE = -2\nPrivate n As Double\n"
           "Sub main()\n    bump\n    bump\n    Range(\"A1\") = n\nEnd Sub\n"
           "Private Sub bump()\n    n = n + STEP_SIZE\nEnd Sub\n")
    assert _run(src).get("S", "A1") == -4.0
    bad = "Const C = Environ(\"X\")\nSub main()\n    Range(\"A1\") = C\nEnd Sub\n"
    with pytest.raises(MacroRefused, match="line 3: 'C' .*module-level Const"):
        load_macros({"M": bad}).check("main")


def test_calc_state_not_restored():
    host = _run("Sub main()\n    Application.Calculation = xlManual\nEnd Sub\n")
    assert host.mode == "manual" and host.calc_events == [("set_calculation", "manual")]


# --------------------------------------------------------------------------
# refusals: nothing runs, the message names the Sub and the line
# --------------------------------------------------------------------------

REFUSED = [
    ('    Shell "cmd"', "Shell"),
    ('    Open "x" For Output As #1', "Open"),
    ('    Set o = CreateObject("WScript.Shell")', "CreateObject"),
    ('    Declare Function GetTickCount Lib "kernel32" () As Long', "Declare"),
    ("    Frobnicate", "Frobnicate"),
    ('    Kill "C:\\x.txt"', "Kill"),
    ('    x = Environ("HOME")', "Environ"),
    ('    SendKeys "{ENTER}"', "SendKeys"),
    ('    Application.Run "other"', "Run"),
    ('    Range("A1").Delete', "Delete"),
    ('    Range("A1").Copy Destination:=Range("B1")', "Copy"),
    ('    Range("A1").PasteSpecial', "PasteSpecial"),
    ('    Range("A1").End(xlUp).Value = 1', "End"),
    ("    x = y + 1", "y"),
    ("    With Range(\"A1\")", "With"),          # no End With
    ("    With 3\n    End With", "With"),
    ("    On Error Resume Next", "On"),
    ("    GoTo done", "GoTo"),
]


@pytest.mark.parametrize("line_src,word", REFUSED)
def test_refused_statement_names_macro_and_line(line_src, word):
    src = ("Sub safe()\n    Range(\"A1\").Value = 1\nEnd Sub\n\n"
           "Sub onestep()\n    Range(\"A1\").Value = 1\n    Range(\"A2\").Copy\n"
           + line_src + "\n    Range(\"A3\").Value = 3\nEnd Sub\n")
    project = load_macros({"Module1": src})
    with pytest.raises(MacroRefused) as info:
        project.check("onestep")
    err = info.value
    assert (err.macro, err.line, err.word) == ("onestep", 8, word)
    assert str(err).startswith(
        f"macro 'onestep' line 8: '{word}' is outside the supported VBA subset")
    host = FakeHost()
    with pytest.raises(MacroRefused):
        project.run("onestep", host, "S")
    assert host.log == [] and host.cells == {}
    project.run("safe", host, "S")                        # rest of the module still runs
    assert host.get("S", "A1") == 1.0


def test_refusal_in_called_sub_blocks_caller():
    src = """Sub somesteps()
    Range("A1").Value = 1
    For i = 1 To 5
        helper
    Next
End Sub

Sub helper()
    Range("A2").Value = 2

    Shell "calc.exe"
End Sub
"""
    host = FakeHost()
    with pytest.raises(MacroRefused) as info:
        load_macros({"M": src}).run("somesteps", host, "S")
    assert (info.value.macro, info.value.line) == ("helper", 11)
    assert "called from 'somesteps'" in str(info.value)
    assert host.log == []


def test_module_level_declare_refuses_every_macro_of_the_module():
    src = ('Private Declare PtrSafe Function GetTickCount Lib "kernel32" () As Long\n'
           "Sub onestep()\n    Range(\"A1\").Value = 1\nEnd Sub\n")
    project = load_macros({"M": src, "Other": "Sub ok()\n    Calculate\nEnd Sub\n"})
    with pytest.raises(MacroRefused, match=r"^macro 'onestep' line 1: 'Declare' is outside"):
        project.check("onestep")
    project.check("ok")


def test_sub_with_arguments_and_functions_are_refused():
    src = ("Sub main()\n    helper\nEnd Sub\nSub helper(x)\nEnd Sub\n"
           "Sub main2()\n    f\nEnd Sub\nFunction f()\n    f = 1\nEnd Function\n")
    project = load_macros({"M": src})
    with pytest.raises(MacroRefused, match="macro 'main' line 2: 'helper'"):
        project.check("main")
    with pytest.raises(MacroRefused, match="macro 'main2' line 7: 'f'"):
        project.check("main2")
    assert [m.name for m in project.macros] == ["main", "main2"]


EVERY_MEMBER = """Sub main()
    Application.Calculation = xlCalculationAutomatic
    Range("A1").Value = Application.Calculation
    Application.ScreenUpdating = False
    Application.EnableEvents = False
    Application.DisplayAlerts = False
    Range("A2").Value = Application.ScreenUpdating
    Range("A3").Value = Application.ActiveSheet.Name & ActiveSheet.Name & Me.Name
    Application.Range("A4").Value = Application.Cells(1, 1).Row + Cells(2, 3).Column
    Application.Sheets("T").Cells(1, 1).Value = 1
    Application.Worksheets("T").Range("B1").Value2 = Sheets("T").Range("A1").Value2 + 1
    Range("B1:C3").Cells(2, 2).Value = "c2"
    Range("B1").Resize(2, 1).Value = "r"
    Range("B1").Offset(, 3).Value = "e1"
    Range("A1:A2").Copy
    Range("F1").PasteSpecial Paste:=xlPasteValues, Operation:=xlNone, SkipBlanks:=False, Transpose:=False
    Range("F1").Select
    Range("G1").PasteSpecial Paste:=xlPasteValuesAndNumberFormats
    Range("G1").Activate
    Application.Selection.PasteSpecial xlPasteValues
    Range("H1:H2").Value = Application.CutCopyMode
    Application.CutCopyMode = False
    Range("H3").Value = Application.CutCopyMode
    Range("H1").ClearContents
    Range("H2").Clear
    Range("I1").Value = Round(2.5) + Abs(-1) + Int(-1.5) + Fix(-1.5) + Sqr(4) + CDbl("1.5") + Exp(0) + Log(1)
    Range("I2").Value = CLng(2.5) + CInt(3.5) + Sgn(-3) + Len(CStr(12)) + MsgBox("hi")
    Sheets("T").Activate
    Range("A5").Value = ActiveSheet.Name
    Worksheets("T").Select
    ActiveSheet.Calculate
    Application.Calculate
    Range("A1").End(xlDown).Offset(1).Value = "end"
    Range("J1").Select
    ActiveCell.Formula = "2.5"
    ActiveCell.Offset(1, 0).Range("A1:A2").FormulaR1C1 = "TRUE"
    Application.ActiveCell.Offset(0, 1).Value = Application.StatusBar
    Application.StatusBar = "busy"
    ActiveWindow.SmallScroll Down:=-9
    Application.ActiveWindow.LargeScroll ToRight:=1
    ActiveWindow.ScrollRow = 1
    ActiveWindow.ScrollColumn = 1
    DoEvents
End Sub
"""


def test_every_supported_member_runs():
    host = FakeHost()
    _run(EVERY_MEMBER, host)
    g = lambda a1, sh="S": host.get(sh, a1)
    assert g("A1") == -4105.0 and g("A2") is False and g("A3") == "SSS"
    assert g("A4") == 4.0 and g("A1", "T") == 1.0 and g("B1", "T") == 2.0
    assert g("C2") == "c2" and g("B1") == "r" and g("B2") == "r" and g("E1") == "e1"
    assert [g("F1"), g("F2"), g("G1"), g("G2")] == [-4105.0, False] * 2
    assert g("H1") is None and g("H2") is None and g("H3") is False
    assert g("I1") == 2 + 1 - 2 - 1 + 2 + 1.5 + 1 + 0
    assert g("I2") == 2 + 4 - 1 + 2 + 1    # CLng/CInt round half to even; MsgBox = vbOK
    # standard module: unqualified Range follows the active sheet (T after Activate)
    assert g("A5", "T") == "T" and g("A5") is None
    assert g("A6", "T") == "end"           # T!A2:A4 blank: End(xlDown) from A1 jumps to A5
    # recorder-style lines: typed entries are parsed as Excel does; scrolling is ignored
    assert [g(a, "T") for a in ("J1", "J2", "J3", "K1")] == [2.5, True, True, False]
    assert host.calc_events == [("set_calculation", "automatic"), ("calculate", "T"),
                                ("calculate", None)]
    # every member the checker accepts is exercised above
    from sheetsolver.vba.checker import GLOBAL_FUNCS
    used = EVERY_MEMBER.lower()
    for _, name in list(METHODS) + list(PROPERTIES):
        assert f".{name}" in used, name
    for name in GLOBAL_FUNCS:
        assert f"{name}(" in used, name
