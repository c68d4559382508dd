"""The VBA constructs of the other graddesc versions (issue #12, point 1).

Every expected value is worked out by hand from VBA's documented semantics
(Select Case, Do/While loops, CInt's banker's rounding, module-level variables
keeping their values between runs); the macros run on a dict-backed host.
"""
from __future__ import annotations

import pytest

from sheetsolver.vba import MacroRefused, MacroRuntimeError, load_macros
from test_vba import FakeHost


def run(src, macro="main", host=None, sheet="S", modules=None, **kw):
    host = host or FakeHost()
    project = load_macros({"Module1": src, **(modules or {})})
    project.run(macro, host, sheet, **kw)
    return host


def assert_refused(modules: dict, match: str, macro="main"):
    """The checker refuses ``macro`` of the project ``modules`` with a message matching
    ``match`` (loading the project itself succeeds)."""
    project = load_macros(modules)
    with pytest.raises(MacroRefused, match=match):
        project.check(macro)


def test_while_wend_and_do_loop_forms():
    src = """Sub main()
    Dim i As Integer, n As Long
    i = 0
    While i < 5
        i = i + 1
    Wend
    Range("A1") = i
    Do Until n >= 3
        n = n + 1
    Loop
    Range("A2") = n
    Do
        n = n + 10
    Loop While n < 30
    Range("A3") = n
    Do
        n = n - 1
    Loop Until n <= 30
    Range("A4") = n
End Sub
"""
    host = run(src)
    assert [host.get("S", f"A{r}") for r in range(1, 5)] == [5.0, 3.0, 33.0, 30.0]


def test_exit_for_do_and_sub():
    src = """Sub main()
    Dim i
    For i = 1 To 10
        If i = 4 Then Exit For
    Next i
    Range("A1") = i
    Do While True
        i = i + 1
        If i > 6 Then Exit Do
    Loop
    Range("A2") = i
    Exit Sub
    Range("A3") = "never"
End Sub
"""
    host = run(src)
    assert host.get("S", "A1") == 4.0 and host.get("S", "A2") == 7.0
    assert host.get("S", "A3") is None


def test_elseif_and_select_case():
    src = """Sub main()
    Dim k As Integer
    For k = 1 To 6
        Select Case k
            Case 1
                Cells(k, 1) = "one"
            Case 2, 3
                Cells(k, 1) = "two-three"
            Case 4 To 4
                Cells(k, 1) = "four"
            Case Is >= 6
                Cells(k, 1) = "big"
            Case Else
                Cells(k, 1) = "else"
        End Select
        If k = 1 Then
            Cells(k, 2) = "a"
        ElseIf k < 4 Then
            Cells(k, 2) = "b"
        Else
            Cells(k, 2) = "c"
        End If
    Next
End Sub
"""
    host = run(src)
    assert [host.get("S", f"A{r}") for r in range(1, 7)] == \
        ["one", "two-three", "two-three", "four", "else", "big"]
    assert [host.get("S", f"B{r}") for r in range(1, 7)] == ["a", "b", "b", "c", "c", "c"]


def test_typed_dim_and_const():
    src = """Const HALF As Double = 0.5
Sub main()
    Dim i As Integer, s As String, b As Boolean, d As Double, v
    Const TWO As Long = 2
    Range("A1") = i          ' a fresh Integer is 0, not Empty
    Range("A2") = s & "|"    ' a fresh String is ""
    Range("A3") = b
    i = 2.5                  ' rounds half to even: 2
    Range("A4") = i
    i = 3.5                  ' 4
    Range("A5") = i
    s = 1.5
    Range("A6") = s & "x"
    d = "2.25"
    Range("A7") = d * TWO + HALF
    Range("A8") = v
End Sub
"""
    host = run(src)
    got = [host.get("S", f"A{r}") for r in range(1, 9)]
    assert got == [0.0, "|", False, 2.0, 4.0, "1.5x", 5.0, None]
    overflow = "Sub main()\n    Dim i As Integer\n    i = 40000\nEnd Sub\n"
    with pytest.raises(MacroRuntimeError, match="line 3: .*overflow"):
        run(overflow)


def test_module_variables_persist_between_runs_and_public_ones_are_shared():
    counter = """Public total As Double
Private runs As Long
Sub main()
    runs = runs + 1
    total = total + 10
    Range("A1") = runs
    Sheet1Helper
End Sub
"""
    other = """Sub Sheet1Helper()
    Range("A2") = total * 2
End Sub
"""
    project = load_macros({"Module1": counter, "Module2": other})
    host = FakeHost()
    project.run("main", host, "S")
    project.run("main", host, "S")
    assert host.get("S", "A1") == 2.0            # runs kept its value between the runs
    assert host.get("S", "A2") == 40.0           # Module2 sees Module1's Public total


def test_concatenation_msgbox_and_debug_print():
    src = """Sub main()
    Dim n As Long
    n = 3
    Debug.Print "n ="; n, "done"
    MsgBox "passes: " & n & " of " & 5
    MsgBox "with title", vbOKOnly, "graddesc"
    Range("A1") = "x" & 1.5 & True & Empty
End Sub
"""
    lines = []
    host = run(src, out=lines.append)
    assert lines == ["n = 3 done", "MsgBox: passes: 3 of 5", "MsgBox [graddesc]: with title"]
    assert host.get("S", "A1") == "x1.5True"


def test_cells_offset_resize_and_named_sheets():
    src = """Sub main()
    Worksheets("basic SGD").Range("B2").Value = 7
    Sheets("basic SGD").Cells(3, 2).Value = Worksheets("basic SGD").Range("B2") * 2
    Range("C1").Offset(1, 1).Resize(2, 2).Value = 1
    Cells(1, 1).Resize(1, 3).Offset(4).Value = "r5"
    Range(Cells(7, 1), Cells(8, 2)).Value = 0.25
End Sub
"""
    host = run(src)
    assert host.get("basic SGD", "B2") == 7.0 and host.get("basic SGD", "B3") == 14.0
    assert [host.get("S", a) for a in ("D2", "E2", "D3", "E3", "C2")] == [1.0] * 4 + [None]
    assert [host.get("S", a) for a in ("A5", "B5", "C5", "A4")] == ["r5"] * 3 + [None]
    assert [host.get("S", a) for a in ("A7", "B7", "A8", "B8")] == [0.25] * 4


def test_calls_into_standard_modules_plain_and_qualified():
    sheet = """Sub onestep()
    helper
    Call Module1.helper
    Module1.helper
End Sub
"""
    std = """Sub helper()
    Range("A1") = Range("A1") + 1
End Sub
"""
    project = load_macros({"basic": sheet, "Module1": std},
                          kinds={"basic": "document", "Module1": "standard"},
                          codenames={"basic SGD": "basic"})
    host = FakeHost()
    project.run("onestep", host, "basic SGD")
    assert host.get("basic SGD", "A1") == 3.0
    assert_refused({"M": "Sub main()\n    Module2.nothere\nEnd Sub\n",
                    "Module2": "Sub x()\nEnd Sub\n"}, "line 2: 'nothere'")


def test_loop_budget_names_macro_and_line():
    src = """Sub main()
    inner
End Sub

Sub inner()
    Dim i As Long
    While i >= 0
        i = i + 1
    Wend
End Sub
"""
    with pytest.raises(MacroRuntimeError, match=r"macro 'inner' line [78]: .*more than 1,000 "
                                                 r"statements"):
        run(src, max_steps=1000)


@pytest.mark.parametrize("src, word", [
    ("Sub main()\n    Select Case 1\n        Case 1\n            Shell \"x\"\n    End Select\n"
     "End Sub\n", "Shell"),
    ("Sub main()\n    Dim c As Collection\nEnd Sub\n", "c"),
    ("Sub main()\n    While True\n        Kill \"a\"\n    Wend\nEnd Sub\n", "Kill"),
    ("Sub main()\n    Debug.Print Environ(\"PATH\")\nEnd Sub\n", "Environ"),
])
def test_new_constructs_still_refuse_unsafe_code_before_running(src, word):
    host = FakeHost()
    with pytest.raises(MacroRefused, match=f"'{word}'"):
        run(src, host=host)
    assert host.log == []


def test_sheets_by_position_when_the_host_lists_its_sheets():
    class Listing(FakeHost):
        def sheet_names(self):
            return ["data", "basic SGD", "adam"]
    src = 'Sub main()\n    Sheets(2).Range("A1") = Sheets(3).Name\nEnd Sub\n'
    host = run(src, host=Listing())
    assert host.get("basic SGD", "A1") == "adam"
    with pytest.raises(MacroRuntimeError, match="subscript out of range"):
        run('Sub main()\n    Sheets(9).Range("A1") = 1\nEnd Sub\n', host=Listing())
    with pytest.raises(MacroRuntimeError, match="needs a sheet name"):
        run('Sub main()\n    Sheets(1).Range("A1") = 1\nEnd Sub\n')


def test_recorded_macro_style():
    """What Excel's macro recorder writes for "copy C32, paste values into C1"."""
    src = """Sub Macro1()
'
' Macro1 Macro
'
    Range("C32").Select
    Selection.Copy
    ActiveWindow.SmallScroll Down:=-27
    Range("C1").Select
    Selection.PasteSpecial Paste:=xlPasteValues, Operation:=xlNone, SkipBlanks _
        :=False, Transpose:=False
    Application.CutCopyMode = False
    ActiveCell.Offset(1, 0).Range("A1").Select
    ActiveCell.FormulaR1C1 = "1,000.5"
    Range("C32").Copy
    Range("D1").PasteSpecial Paste:=xlValues
End Sub
"""
    host = FakeHost()
    host.put("S", "C32", 4.25)
    run(src, macro="Macro1", host=host)
    assert host.get("S", "C1") == 4.25 and host.get("S", "C2") == 1000.5
    assert host.get("S", "D1") == 4.25                     # xlValues = xlPasteValues
    with pytest.raises(MacroRuntimeError, match="line 2: .*formula with .Formula"):
        run('Sub main()\n    Range("A1").Formula = "=B1*2"\nEnd Sub\n')
    with pytest.raises(MacroRefused, match="reading formulas"):
        run('Sub main()\n    Range("A1") = Range("B1").Formula\nEnd Sub\n')


def test_with_blocks():
    src = """Sub main()
    With Worksheets("basic SGD")
        .Range("A1").Value = 2
        With .Range("B1:C1")
            .Value = 0.5
            .Offset(1, 0).Value = .Cells(1, 2).Value * 4
        End With
        .Cells(3, 1) = .Range("A1") + 1
    End With
    With Application
        .Calculation = xlCalculationManual
        .ScreenUpdating = False
    End With
End Sub
"""
    host = run(src)
    g = lambda a1: host.get("basic SGD", a1)
    assert [g("A1"), g("B1"), g("C1"), g("B2"), g("C2"), g("A3")] == [2.0, 0.5, 0.5, 2.0, 2.0,
                                                                        3.0]
    assert host.mode == "manual"
    with pytest.raises(MacroRefused, match="line 3: '\\.' is outside"):
        run("Sub main()\n    x = 1\n    If x Then .Value = 1\nEnd Sub\n")


def test_public_const_of_another_module_must_be_a_literal():
    host = run("Public Const RATE = 0.5\n",
               modules={"M2": "Sub main()\n    Range(\"A1\") = RATE * 4\nEnd Sub\n"})
    assert host.get("S", "A1") == 2.0
    assert_refused({"Module1": "Public Const P = Environ(\"HOME\")\n",
                    "M2": "Sub main()\n    Range(\"A1\") = P\nEnd Sub\n"},
                   "line 2: 'P' .*module-level Const")
