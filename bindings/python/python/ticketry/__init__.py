"""ticketry: the PASS24.online support regulation as code.

The rules live in the Rust core; this package is a thin binding over it.
"""

from typing import Literal, TypedDict

from ticketry._ticketry import __version__, rules


class Rule(TypedDict):
    """A rule of the regulation, as returned by :func:`rules`."""

    id: str
    regulation: Literal["repeat", "closing"]
    title_en: str
    title_ru: str


__all__ = ["Rule", "__version__", "rules"]
