"""Errors raised by the report renderers.

Hierarchy::

    RenderError                 base class; carries code, message_ja, message_en
    ├── InvalidReport           the input model breaks a documented precondition
    │                           (naive datetime, instalment < 1, unknown status …)
    ├── EngineUnavailable       WeasyPrint or the system libraries it loads
    │                           (Pango, HarfBuzz) cannot be imported
    └── FontUnavailable         the PDF was laid out without an embedded
                                Noto CJK font (fonts-noto-cjk not installed)

Every error carries a stable ``code`` for logs and APIs and a message in
Japanese and English, so the web layer can show either without translating.
"""

from __future__ import annotations

__all__ = ["EngineUnavailable", "FontUnavailable", "InvalidReport", "RenderError"]


class RenderError(Exception):
    """Base class of every error raised by :mod:`mamori.render`."""

    def __init__(self, code: str, message_ja: str, message_en: str) -> None:
        super().__init__(f"[{code}] {message_en} / {message_ja}")
        self.code = code
        self.message_ja = message_ja
        self.message_en = message_en


class InvalidReport(RenderError, ValueError):
    """The report model breaks a precondition stated on the dataclasses."""


class EngineUnavailable(RenderError):
    """WeasyPrint (or Pango underneath it) is not installed."""


class FontUnavailable(RenderError):
    """No Noto CJK font was embedded: Japanese text would be tofu or substituted."""
