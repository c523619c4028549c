from __future__ import annotations

from mamori.notify import actions


def test_backoff_doubles_after_each_failed_attempt() -> None:
    delays = [actions.retry_delay(n).total_seconds() for n in range(1, actions.MAX_ATTEMPTS)]
    assert delays == [60, 120, 240, 480, 960]
