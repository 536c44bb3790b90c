"""Why spelling/unknown reports a word (a small module: the rule imports it at load)."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Equal to the strings the first version used (they are in the JSON ``data``)."""

    UNKNOWN = "unknown"  # not in the dictionary nor the vocabularies
    REJECTED = "rejected"  # in the project's reject list
    NAME_CASE = "name-case"  # a name written in lower case (tiktok → TikTok)
