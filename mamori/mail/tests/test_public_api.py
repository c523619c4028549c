"""The package's public surface is pinned, typed, documented and Django-free."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mamori.mail
from mamori.mail import (
    WARNING_MESSAGES,
    Attachment,
    MailError,
    MailTooLarge,
    MalformedMail,
    NotAnEmail,
    ParsedMail,
    parse_eml,
)
from mamori.mail._headers import HEADER_WARNINGS
from mamori.mail._parse import _BODY_WARNINGS, _DEFECT_WARNINGS

from . import samples

PACKAGE = Path(mamori.mail.__file__).parent


def test_it_exports_exactly_the_public_names() -> None:
    assert sorted(mamori.mail.__all__) == sorted(
        [
            "DEFAULT_MAX_BYTES",
            "WARNING_MESSAGES",
            "Attachment",
            "MailError",
            "MailTooLarge",
            "MalformedMail",
            "NotAnEmail",
            "ParsedMail",
            "parse_eml",
        ]
    )
    for name in mamori.mail.__all__:
        assert getattr(mamori.mail, name) is not None


def test_it_ships_type_information() -> None:
    assert (PACKAGE / "py.typed").is_file()


def test_it_imports_without_django() -> None:
    code = (
        "import sys, mamori.mail\n"
        "from mamori.mail.tests import samples\n"
        "mamori.mail.parse_eml(samples.MIXED_WITH_ATTACHMENTS)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=PACKAGE.parent.parent,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_errors_form_the_documented_hierarchy() -> None:
    for error in (NotAnEmail, MailTooLarge, MalformedMail):
        assert issubclass(error, MailError)
    assert issubclass(MailError, Exception)


def test_results_are_frozen() -> None:
    mail = parse_eml(samples.MIXED_WITH_ATTACHMENTS)

    with pytest.raises(dataclasses.FrozenInstanceError):
        mail.subject = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        mail.attachments[0].filename = "changed"  # type: ignore[misc]
    assert isinstance(mail.attachments, tuple)
    assert isinstance(mail.attachments[0], Attachment)
    assert isinstance(mail, ParsedMail)


def _codes_in_source() -> set[str]:
    codes = set(HEADER_WARNINGS.values()) | set(_BODY_WARNINGS.values())
    codes |= {code for code in _DEFECT_WARNINGS.values() if code is not None}
    codes.add("mime_defect")
    for path in PACKAGE.glob("_*.py"):
        source = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'warnings\.append\("([a-z0-9_]+)"\)', source))
        codes |= set(re.findall(r'^[A-Z_]+ = "([a-z0-9_]+)"$', source, re.MULTILINE))
    return codes


def test_every_warning_code_is_documented_in_both_languages() -> None:
    codes = _codes_in_source()

    assert len(codes) > 20
    assert codes <= WARNING_MESSAGES.keys()
    for japanese, english in WARNING_MESSAGES.values():
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", japanese)
        assert english.isascii() or "�" in english or "①" in english
