from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    # Figures are cached by organisation id, which a rolled-back test database hands out again.
    cache.clear()
    yield
    cache.clear()
