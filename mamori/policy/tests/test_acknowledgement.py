from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mamori.audit.models import AuditEvent, EventType
from mamori.conftest import Desk
from mamori.policy import actions
from mamori.policy.models import Acknowledgement, PolicyVersion
from mamori.policy.status import acknowledgement_figures, policy_status
from mamori.policy.tests.conftest import with_section


def test_it_records_an_acknowledgement_once_with_an_audit_row(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    desk.login(client, desk.handler)
    for _ in range(2):
        response = client.post(reverse("policy:acknowledge"), {"version": published.number})
        assert response.status_code == 302
    ack = Acknowledgement.objects.get()
    assert (ack.user, ack.version) == (desk.handler, published)
    events = AuditEvent.objects.filter(event_type=EventType.POLICY_ACKNOWLEDGED)
    assert events.count() == 1
    event = events.get()
    assert event.actor == desk.handler
    assert event.organisation_id == desk.org.pk
    assert event.data["number"] == 1
    page = client.get(reverse("policy:internal"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You acknowledged this version on" in page
    assert "I have read and understood this policy" not in page


def test_figures_count_active_users_of_the_organisation(
    desk: Desk, published: PolicyVersion
) -> None:
    # The desk has seven people in the organisation; the outsider is elsewhere.
    for person in (desk.handler, desk.manager, desk.reporter):
        actions.do_acknowledge(actor=person, version=published)
    desk.other_handler.is_active = False
    desk.other_handler.save(update_fields=["is_active"])
    figures = acknowledgement_figures(published)
    assert (figures.acknowledged, figures.total, figures.percent) == (3, 6, 50)
    assert {u.username for u in figures.missing} == {"response", "hr", "auditor"}
    status = policy_status(desk.org)
    assert status["published"] is True
    assert status["version"] == 1
    assert (status["acknowledged"], status["total"], status["percent"]) == (3, 6, 50)
    assert status["public_url"] == reverse("policy:public", args=["mamori"])


def test_percent_rounds_down(desk: Desk, published: PolicyVersion) -> None:
    for person in (desk.handler, desk.manager):
        actions.do_acknowledge(actor=person, version=published)
    assert acknowledgement_figures(published).percent == 28  # 2 of 7 is 28.57 %


def test_hr_sees_the_figures_and_who_is_missing(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    actions.do_acknowledge(actor=desk.handler, version=published)
    desk.login(client, desk.hr)
    page = client.get(reverse("policy:internal"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<strong>1</strong> / 7" in page
    assert "(14%)" in page
    assert "6 people have not acknowledged yet" in page
    assert "other_handler" in page


@pytest.mark.parametrize("persona", ["handler", "manager", "reporter"])
def test_other_staff_do_not_see_the_figures(
    desk: Desk, client: Client, published: PolicyVersion, persona: str
) -> None:
    desk.login(client, getattr(desk, persona))
    page = client.get(reverse("policy:internal"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "have not acknowledged yet" not in page
    assert 'id="figures"' not in page


def test_a_new_version_asks_everyone_again(desk: Desk, published: PolicyVersion) -> None:
    actions.do_acknowledge(actor=desk.handler, version=published)
    second = actions.do_save_draft(
        actor=desk.hr,
        policy=published.policy,
        base_number=1,
        title_ja=published.title_ja,
        title_en=published.title_en,
        sections=with_section(published, 0, body_ja="改訂しました。"),
    )
    assert policy_status(desk.org)["acknowledged"] == 1, "a draft does not reset the figures"
    actions.do_publish(actor=desk.hr, version=second)
    assert policy_status(desk.org)["acknowledged"] == 0
    with pytest.raises(actions.PolicyError):
        actions.do_acknowledge(actor=desk.manager, version=published)
    assert not Acknowledgement.objects.filter(user=desk.manager).exists()


def test_status_before_anything_is_published(desk: Desk) -> None:
    status = policy_status(desk.org)
    assert status["started"] is False
    assert status["published"] is False
    assert (status["acknowledged"], status["total"], status["percent"]) == (0, 7, 0)
    assert status["public_url"] is None


def test_an_outsider_cannot_acknowledge_our_policy(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    desk.login(client, desk.outsider)
    response = client.post(reverse("policy:acknowledge"), {"version": published.number})
    assert response.status_code == 404
    assert not Acknowledgement.objects.exists()
    with pytest.raises(actions.PolicyError):
        actions.do_acknowledge(actor=desk.outsider, version=published)
