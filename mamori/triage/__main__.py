"""``python -m mamori.triage FILE``: see :mod:`mamori.triage._cli`."""

from __future__ import annotations

from ._cli import main

raise SystemExit(main())
