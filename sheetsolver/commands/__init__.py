"""The CLI commands, one module each, built on the public API (Book, solver, ...)."""
