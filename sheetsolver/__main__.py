import sys

try:
    from .cli import main, exit_with
except KeyboardInterrupt:          # Ctrl-C while Python is still importing
    print("sheetsolver: interrupted", file=sys.stderr)
    sys.exit(130)
exit_with(main())
