"""Who a customer is across cases: the key the customer register groups by.

A customer is identified by a *key*:

* ``contact:<id>`` for a client contact recorded as a party, and
* ``name:<normalised>`` for a customer typed as a free name. Names are
  normalised so that the same person written twice matches: Unicode NFKC
  (full-width Latin and half-width kana become their usual forms), every space
  removed (ASCII and the ideographic space), a trailing honorific (様, さん,
  殿) dropped, and case folded.

Our own workers and staff have no key. The key is stored on each party so the
repeat-customer warning is one indexed lookup, not a scan of every complainant.
"""

from __future__ import annotations

import unicodedata

__all__ = ["CUSTOMER_KEY_MAX", "contact_key", "customer_key", "name_key", "normalise_name"]

_HONORIFICS = ("さま", "さん", "様", "殿")
# "name:" plus a party name of at most 200 characters.
CUSTOMER_KEY_MAX = 210


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if not ch.isspace())
    for honorific in _HONORIFICS:
        if text.endswith(honorific) and len(text) > len(honorific):
            text = text[: -len(honorific)]
            break
    return text.casefold()


def contact_key(contact_id: int) -> str:
    return f"contact:{contact_id}"


def name_key(name: str) -> str | None:
    normalised = normalise_name(name)
    return f"name:{normalised}"[:CUSTOMER_KEY_MAX] if normalised else None


def customer_key(
    *, contact_id: int | None, worker_id: int | None, user_id: int | None, name: str
) -> str | None:
    """The register key of a party; ``None`` for our workers and staff."""
    if contact_id is not None:
        return contact_key(contact_id)
    if worker_id is None and user_id is None and name:
        return name_key(name)
    return None
