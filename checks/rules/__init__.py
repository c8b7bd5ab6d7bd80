"""The rules: one decorated function per id, one file per family (``registry`` says how)."""
