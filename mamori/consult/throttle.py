"""Counting wrong passphrases per report key, so a key cannot be brute-forced.

The counter lives in the cache. With the default local-memory cache each web
worker counts on its own (so the real limit is tries × workers); set
REDIS_URL to share one counter.
"""

from __future__ import annotations

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _cache_key(digest: str) -> str:
    return f"consult:follow:failures:{digest}"


def is_locked(digest: str) -> bool:
    return int(cache.get(_cache_key(digest), 0)) >= MAX_FAILURES


def record_failure(digest: str) -> int:
    key = _cache_key(digest)
    # add() starts the window only once; incr() keeps its original expiry.
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return int(cache.incr(key))
    except ValueError:
        # Expired between add() and incr(): start a new window.
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


def reset(digest: str) -> None:
    cache.delete(_cache_key(digest))
