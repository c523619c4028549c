"""Engine name and version; the shipped model records the version it was built for."""

from __future__ import annotations

__all__ = ["ENGINE_NAME", "ENGINE_VERSION"]

ENGINE_NAME = "mamori-triage"
ENGINE_VERSION = "0.4.6"
