"""The HTTP door, ``rolint serve``: a pre-publication check a CMS calls before an article
goes out (contract in DESIGN.md, "The HTTP door").

This package's ``__init__`` imports nothing: ``rolint.config`` reads the ``[serve]``
table through :mod:`rolint.http.policy`, and that must not pull in Starlette or uvicorn
(``rolint check`` never imports the HTTP stack). Only :mod:`rolint.http.app` and
:mod:`rolint.http.serve` do.
"""
