"""rolint: an editorial linter for Romanian news copy."""

__version__ = "0.1.0"
