"""``sheetsolver verify BOOK [--with libreoffice|excel] [--json]``: check a workbook in a real app."""
from __future__ import annotations

import json

from ..apps import BACKENDS


def register(sub):
    p = sub.add_parser(
        "verify", help="compare sheetsolver and a real spreadsheet application with Excel",
        description="Recompute BOOK with sheetsolver's engine and with a real application "
                    "(LibreOffice, headless; or Excel through xlwings), compare both with "
                    "Excel's cached values, and explain every group of differing cells "
                    "(known Excel-vs-LibreOffice differences, cells downstream of them, "
                    "volatile cells). Exit status 0 when everything agrees (volatile cells "
                    "excepted), 1 otherwise.",
        epilog="example: sheetsolver verify collab_filter.xlsx --with libreoffice")
    p.add_argument("book", help=".xlsx/.xlsm workbook")
    p.add_argument("--with", dest="app", choices=BACKENDS, default="libreoffice",
                   help="application to recalculate in (default: libreoffice)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--timeout", type=float, default=180,
                   help="seconds to wait for the application (default 180)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..verify import report, verify     # imported here: --help must not load the engine
    ver = verify(args.book, args.app, timeout=args.timeout)
    if args.json:
        print(json.dumps(report.as_json(ver), indent=2))
    else:
        print(report.text(ver))
    return 0 if ver.ok else 1
