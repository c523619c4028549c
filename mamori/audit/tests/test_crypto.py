from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from mamori import crypto
from mamori.conftest import Desk
from mamori.consult.actions import ReportInput, do_submit_self_report
from mamori.consult.models import ReporterIdentity, Route, Wish

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def _raw_identity() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, contact FROM consult_reporteridentity")
        row = cursor.fetchone()
    return row[0], row[1]


def _report(desk: Desk) -> ReporterIdentity:
    submitted = do_submit_self_report(
        organisation=desk.org,
        reporter=desk.reporter,
        data=ReportInput(
            text="お客様から大声で罵倒されました。",
            wish=Wish.choices[0][0],
            route=Route.RESPONSE_TEAM,
            anonymous=False,
            name="山口 理沙",
            contact="090-1111-2222",
        ),
    )
    return ReporterIdentity.objects.get(report=submitted.report)


def test_reporter_identity_is_ciphertext_in_the_database(desk: Desk) -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        identity = _report(desk)
        name, contact = _raw_identity()
        assert name.startswith(crypto.PREFIX) and "山口" not in name
        assert "090" not in contact
        assert ReporterIdentity.objects.get(pk=identity.pk).name == "山口 理沙"


def test_rotation_re_encrypts_with_the_new_key(desk: Desk) -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        identity = _report(desk)
        before, _ = _raw_identity()
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_keys", stdout=io.StringIO())
        after, _ = _raw_identity()
        assert after != before
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert ReporterIdentity.objects.get(pk=identity.pk).name == "山口 理沙"
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]), pytest.raises(ImproperlyConfigured):
        ReporterIdentity.objects.get(pk=identity.pk)


def test_serialised_copies_carry_only_ciphertext(desk: Desk) -> None:
    _report(desk)
    out = io.StringIO()
    call_command("dumpdata", "consult.reporteridentity", stdout=out)
    assert "山口" not in out.getvalue()
    assert crypto.PREFIX in out.getvalue()


def test_generate_key_prints_a_usable_key() -> None:
    out = io.StringIO()
    call_command("generate_key", stdout=out)
    Fernet(out.getvalue().strip().encode())
