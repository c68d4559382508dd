"""VBA macros of .xlsm workbooks: extract the source, check and run a safe subset.

* :mod:`.ovba` — MS-OVBA: decompress ``vbaProject.bin`` module source.
* :mod:`.interpreter` — ``load_macros`` / ``MacroProject.check`` / ``.run``
  against a :class:`Host` (the workbook side, implemented by the engine).
* :mod:`.package` — link modules to sheets (``macros_by_sheet``).
* :mod:`.names_used` — the ``Range("...")`` literals a macro can reach (to
  refuse names pointing at ``#REF!`` before anything runs).
"""
from sheetsolver.vba.host import excel_end_down
from sheetsolver.vba.interpreter import (Host, MacroInfo, MacroProject, MacroRefused,
                                         MacroRuntimeError, RangeRef, load_macros)
from sheetsolver.vba.ovba import decompress, read_vba_from_package, read_vba_modules
from sheetsolver.vba.package import load_macros_from_package, macros_by_sheet, sheet_codenames

__all__ = ["Host", "MacroInfo", "MacroProject", "MacroRefused", "MacroRuntimeError",
           "RangeRef", "load_macros", "decompress", "read_vba_from_package",
           "read_vba_modules", "load_macros_from_package", "macros_by_sheet",
           "sheet_codenames", "excel_end_down"]
