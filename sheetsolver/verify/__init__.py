"""Check a workbook against a real spreadsheet application (``sheetsolver verify``).

:func:`verify` recomputes with sheetsolver's engine and with the application and
compares both with Excel's cached values; :mod:`.catalogue` explains known
Excel-vs-LibreOffice differences; :mod:`.report` prints the result.
"""
from .compare import Verification, verify

__all__ = ["Verification", "verify"]
