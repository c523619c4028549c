#!/usr/bin/env python3
"""Django's command-line utility; ``mamori`` is the same with a few extras."""

from __future__ import annotations

import sys

from mamori.cli import main

if __name__ == "__main__":
    sys.exit(main())
