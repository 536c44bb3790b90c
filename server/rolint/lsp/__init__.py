"""The language server (``rolint lsp``). Only this package imports pygls."""
