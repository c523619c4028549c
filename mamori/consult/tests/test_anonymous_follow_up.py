from __future__ import annotations

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from mamori.audit.models import AuditEvent, EventType
from mamori.conftest import Desk
from mamori.consult.keys import generate_key, normalise_key
from mamori.consult.models import ConsultMessage, MessageSide, ReporterIdentity
from mamori.consult.tests.conftest import PASSPHRASE, report_form, submit_public


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


def _open(
    client: Client, key: str, passphrase: str = PASSPHRASE, headers: dict[str, str] | None = None
) -> HttpResponse:
    return client.post(  # type: ignore[return-value]
        reverse("consult:follow"), {"key": key, "passphrase": passphrase}, headers=headers
    )


def test_the_key_is_shown_once(desk: Desk, client: Client) -> None:
    report, key = submit_public(client, desk)
    assert normalise_key(key) is not None
    assert report.key_digest and key.replace("-", "") not in report.key_digest
    assert report.passphrase_hash.startswith(("pbkdf2", "md5", "argon2", "bcrypt", "scrypt"))
    again = client.get(reverse("consult:submitted"))
    assert again.context["key"] is None


def test_anonymous_report_has_no_identity_unless_given(desk: Desk, client: Client) -> None:
    report, _ = submit_public(client, desk, contact="")
    assert not ReporterIdentity.objects.filter(report=report).exists()
    assert report.anonymous and not report.signed_in
    named, _ = submit_public(Client(), desk, name="R", contact="r@example.jp")
    identity = ReporterIdentity.objects.get(report=named)
    assert (identity.user, identity.name, identity.contact) == (None, "R", "r@example.jp")


def test_key_and_passphrase_open_the_thread_in_a_new_browser(desk: Desk, client: Client) -> None:
    report, key = submit_public(client, desk)
    stranger = Client()
    response = _open(stranger, key)
    assert response.status_code == 302
    assert response["Location"] == reverse("consult:follow_thread")
    thread = stranger.get(reverse("consult:follow_thread"))
    assert thread.status_code == 200
    assert report.text in thread.content.decode()
    stranger.post(reverse("consult:follow_thread"), {"body": "追加の情報です。録音があります。"})
    message = ConsultMessage.objects.get()
    assert message.side == MessageSide.REPORTER
    assert message.author is None
    event = AuditEvent.objects.get(event_type=EventType.SELF_REPORT_MESSAGE)
    assert event.actor is None


def test_the_key_may_be_typed_loosely(desk: Desk, client: Client) -> None:
    _, key = submit_public(client, desk)
    loose = key.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert _open(Client(), loose).status_code == 302


@pytest.mark.parametrize("wrong", ["passphrase", "key"])
def test_wrong_key_or_passphrase_opens_nothing(
    desk: Desk, client: Client, en: dict[str, str], wrong: str
) -> None:
    _, key = submit_public(client, desk)
    stranger = Client()
    if wrong == "passphrase":
        response = _open(stranger, key, "not-the-passphrase", headers=en)
    else:
        response = _open(stranger, generate_key(), headers=en)
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert stranger.get(reverse("consult:follow_thread")).status_code == 302


def test_no_session_means_no_access(desk: Desk, client: Client) -> None:
    submit_public(client, desk)
    response = Client().get(reverse("consult:follow_thread"))
    assert response.status_code == 302
    assert response["Location"] == reverse("consult:follow")
    posted = Client().post(reverse("consult:follow_thread"), {"body": "x"})
    assert posted.status_code == 302
    assert not ConsultMessage.objects.exists()


def test_access_is_for_that_report_only_and_ends_on_leaving(desk: Desk, client: Client) -> None:
    first, first_key = submit_public(Client(), desk)
    second, _ = submit_public(Client(), desk, text="別の件です。電話で長時間拘束されました。")
    reader = Client()
    _open(reader, first_key)
    page = reader.get(reverse("consult:follow_thread")).content.decode()
    assert first.text in page
    assert second.text not in page
    reader.post(reverse("consult:follow_leave"))
    assert reader.get(reverse("consult:follow_thread")).status_code == 302


def test_wrong_passphrases_are_throttled_per_key(
    desk: Desk, client: Client, en: dict[str, str]
) -> None:
    _, key = submit_public(client, desk)
    _, other_key = submit_public(Client(), desk)
    attacker = Client()
    for _attempt in range(5):
        _open(attacker, key, "guess-guess-guess", headers=en)
    # Even the right passphrase is refused while the key is locked.
    locked = _open(Client(), key, headers=en)
    assert locked.status_code == 200
    assert "Too many wrong attempts" in locked.content.decode()
    # Other keys are not affected.
    assert _open(Client(), other_key).status_code == 302
    cache.clear()  # the 15-minute window has passed
    assert _open(Client(), key).status_code == 302


def test_malformed_key_gets_a_clear_error(desk: Desk, en: dict[str, str]) -> None:
    response = _open(Client(), "ABC", headers=en)
    assert "16 letters and digits" in response.content.decode()


def test_public_form_needs_matching_passphrases(
    desk: Desk, client: Client, en: dict[str, str]
) -> None:
    data = report_form(passphrase=PASSPHRASE, passphrase_confirm="something-else")
    response = client.post(reverse("consult:public_report", args=[desk.org.slug]), data, headers=en)
    assert "passphrase_confirm" in response.context["form"].errors
    short = report_form(passphrase="short", passphrase_confirm="short")
    response = client.post(
        reverse("consult:public_report", args=[desk.org.slug]), short, headers=en
    )
    assert "passphrase" in response.context["form"].errors


def test_public_form_of_unknown_organisation_is_404(client: Client, desk: Desk) -> None:
    assert client.get(reverse("consult:public_report", args=["nope"])).status_code == 404
