from __future__ import annotations

import subprocess
import sys

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mamori.audit.models import AuditEvent, EventType
from mamori.conftest import PASSWORD, Desk


def _login(client: Client, username: str, password: str) -> int:
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code


def test_it_locks_a_login_after_repeated_failures(desk: Desk, client: Client) -> None:
    for _ in range(5):
        _login(client, desk.handler.username, "wrong-password")
    assert _login(client, desk.handler.username, PASSWORD) == 429
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(event_type=EventType.LOGIN_LOCKED).exists()


def test_hr_admin_unlocks_a_locked_login(desk: Desk, client: Client) -> None:
    for _ in range(5):
        _login(client, desk.handler.username, "wrong-password")
    admin = Client()
    admin.force_login(desk.hr)
    admin.post(reverse("unlock_user", args=[desk.handler.username]))
    assert _login(client, desk.handler.username, PASSWORD) == 302
    assert AuditEvent.objects.filter(event_type=EventType.LOGIN_UNLOCKED).exists()


def test_only_hr_admin_may_unlock(desk: Desk, client: Client) -> None:
    desk.login(client, desk.handler)
    assert client.post(reverse("unlock_user", args=["manager"])).status_code == 403


def test_a_successful_login_is_not_locked(desk: Desk, client: Client) -> None:
    assert _login(client, desk.handler.username, PASSWORD) == 302


@override_settings(REQUIRE_TWO_FACTOR=True)
def test_response_team_must_set_up_and_pass_totp(desk: Desk, client: Client) -> None:
    assert _login(client, desk.response.username, PASSWORD) == 302
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))
    page = client.get(reverse("two_factor")).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=desk.response)
    assert not device.confirmed
    wrong = client.post(reverse("two_factor"), {"token": "000000"})
    assert wrong.status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # django-otp makes the next try wait after a failure; the test does not.
    device.throttle_reset()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("two_factor"), {"token": code, "next": "/cases/"})
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert client.get(reverse("cases:list")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(event_type=EventType.TWO_FACTOR_CHANGED).exists()


@override_settings(REQUIRE_TWO_FACTOR=True)
def test_case_handlers_need_no_second_factor(desk: Desk, client: Client) -> None:
    _login(client, desk.handler.username, PASSWORD)
    assert client.get(reverse("cases:list")).status_code == 200


@override_settings(REQUIRE_TWO_FACTOR=True)
def test_two_factor_next_does_not_redirect_off_site(desk: Desk, client: Client) -> None:
    _login(client, desk.response.username, PASSWORD)
    device = TOTPDevice.objects.create(user=desk.response, name="a", confirmed=True)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("two_factor"), {"token": code, "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_pages_carry_a_strict_content_security_policy(desk: Desk, client: Client) -> None:
    desk.login(client, desk.handler)
    policy = client.get(reverse("cases:list"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_weak_passwords_are_refused(desk: Desk) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["password", "12345678901", "handler123", "短い"]:
        with pytest.raises(ValidationError):
            validate_password(weak, desk.handler)


def _check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``mamori check`` in a fresh process that sees only ``env``: settings are read at start."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "mamori.cli", "check", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_deploy_checks_pass_with_production_settings(tmp_path: object) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "a-long-random-secret-key-for-the-deploy-check-0123456789abcdef",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "mamori.example.jp",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_PRELOAD": "1",
        "FIELD_ENCRYPTION_KEYS": "m8Vd0wX0cQe4E1bU3y0XhN9g3qk7m1lW3Y8oXh0y1mE=",
        "BEHIND_TLS_PROXY": "1",
        "MAMORI_DATA_DIR": str(tmp_path),
    }
    result = _check(env, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_encryption_keys(tmp_path: object) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "0",
        "MAMORI_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 60,
    }
    result = _check(env)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS" in result.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path: object) -> None:
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "MAMORI_DATA_DIR": str(tmp_path)}
    result = _check(env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("setting", "extra"),
    [
        ("VIEW_AUDIT_WINDOW", {}),
        ("SQLITE_MMAP_BYTES", {}),
        (
            "DATABASE_PARALLEL_WORKERS",
            {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"},
        ),
    ],
)
def test_negative_settings_are_refused_by_name(
    tmp_path: object, setting: str, extra: dict[str, str]
) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "MAMORI_ALLOW_INSECURE_KEY": "1",
        "MAMORI_DATA_DIR": str(tmp_path),
        setting: "-1",
        **extra,
    }
    result = _check(env)
    assert result.returncode != 0
    assert f"{setting} must be 0" in result.stderr


@pytest.mark.parametrize(("configured", "expected"), [(None, 256 * 1024 * 1024), ("0", 0)])
def test_sqlite_connections_read_through_a_memory_map(
    tmp_path: object, configured: str | None, expected: int
) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "MAMORI_ALLOW_INSECURE_KEY": "1",
        "MAMORI_DATA_DIR": str(tmp_path),
    }
    if configured is not None:
        env["SQLITE_MMAP_BYTES"] = configured
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA mmap_size')\n"
        "    print(c.fetchone()[0])"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "mamori.cli", "shell", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) == expected
