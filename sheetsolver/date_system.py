"""Which date system the workbook being computed uses: 1900 (serial 1 = 1 Jan 1900) or
1904 (serial 0 = 1 Jan 1904, ``<workbookPr date1904="1"/>``, Excel for Mac's old default).

The same day is 1462 days lower in the 1904 system:
https://learn.microsoft.com/en-us/office/troubleshoot/excel/1900-and-1904-date-system
The date functions convert serials to calendar dates through :func:`offset` (the days to
add to a serial of the current workbook to get its 1900-system serial). The reader and
the engine set it from the workbook (:func:`use`); it is process-wide, as one workbook is
computed at a time.
"""
from __future__ import annotations

import datetime

DAYS_1904 = 1462
_offset = 0


def offset() -> int:
    """Days from the current workbook's serials to 1900-system serials (0 or 1462)."""
    return _offset


def use(workbook_or_flag) -> None:
    """Compute in the date system of ``workbook_or_flag`` (a Workbook with ``date1904``,
    or a bool)."""
    global _offset
    flag = getattr(workbook_or_flag, "date1904", workbook_or_flag)
    new = DAYS_1904 if flag else 0
    if new != _offset:
        _offset = new
        from . import rules
        clear = getattr(rules.parse_number, "cache_clear", None)
        if clear is not None:
            clear()   # its cached text dates depend on the system


def iso_serial(text: str):
    """The serial of a ``t="d"`` cell (ISO 8601 date/time text, as some writers store
    dates) in the current system, or the text itself when it is not an ISO date."""
    try:
        dt = datetime.datetime.fromisoformat(text.strip().rstrip("Z"))
    except (ValueError, AttributeError):
        return text
    from .rules import date_serial
    day = date_serial(dt.year, dt.month, dt.day)
    if day is None:
        return text
    return day + (dt.hour * 3600 + dt.minute * 60 + dt.second + dt.microsecond / 1e6) / 86400
