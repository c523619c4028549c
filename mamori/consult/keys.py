"""Report keys for anonymous follow-up: 16 Crockford base32 characters in four groups.

Crockford's alphabet leaves out I, L, O and U, so a key read aloud or copied by
hand survives: on input, O is read as 0 and I or L as 1, case and separators
do not matter. 80 random bits make guessing hopeless; the desk stores only the
key's SHA-256, so the key is shown exactly once.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 4
GROUP_LENGTH = 4
KEY_LENGTH = GROUPS * GROUP_LENGTH

_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def generate_key() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(KEY_LENGTH))
    return format_key(raw)


def format_key(raw: str) -> str:
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, KEY_LENGTH, GROUP_LENGTH))


def normalise_key(value: str) -> str | None:
    """The canonical 16 characters of a typed key, or None if it cannot be a key."""
    cleaned = "".join(ch for ch in value.upper() if ch.isalnum()).translate(_READ_AS)
    if len(cleaned) != KEY_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def key_digest(value: str) -> str:
    """SHA-256 of the canonical key; a fast hash is enough for 80 random bits."""
    canonical = normalise_key(value)
    if canonical is None:
        raise ValueError("not a report key")
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()
