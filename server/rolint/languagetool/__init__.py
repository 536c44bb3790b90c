"""LanguageTool's Romanian grammar as the ``languagetool/<RULE_ID>`` family.

LanguageTool is a Java server; rolint talks to it through language-tool-python in its
``remote_server`` mode, either at a URL the newsroom runs or at a local server rolint
starts (and stops) itself. Nothing here is imported on the built-in path: the linter
only reaches this package when ``[languagetool] enabled = true``.

Modules: ``settings`` (the config table), ``install`` (the pinned jars), ``local`` and
``watchdog`` (the local server's lifecycle), ``client`` (requests), ``annotate`` (what
is sent for a block and how answers map back), ``merge`` (one finding, one report),
``runner`` (a whole document, in parallel, within a deadline).
"""
