from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mamori.conftest import Desk
from mamori.policy import actions
from mamori.policy.models import PolicyVersion
from mamori.policy.tests.conftest import editor_post, with_section

EDIT_PAGES = [
    ("policy:edit", []),
    ("policy:versions", []),
    ("policy:version", [1]),
]


@pytest.mark.parametrize("persona", ["reporter", "handler", "other_handler", "manager"])
def test_staff_outside_hr_and_the_response_team_cannot_edit(
    desk: Desk, client: Client, published: PolicyVersion, persona: str
) -> None:
    desk.login(client, getattr(desk, persona))
    for name, args in EDIT_PAGES:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert client.post(reverse("policy:edit"), editor_post(published)).status_code == 404
    assert client.post(reverse("policy:start")).status_code == 404
    assert client.post(reverse("policy:publish", args=[1])).status_code == 404
    assert published.policy.versions.count() == 1


def test_the_auditor_reviews_but_cannot_edit(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    desk.login(client, desk.auditor)
    assert client.get(reverse("policy:versions")).status_code == 200
    assert client.get(reverse("policy:version", args=[1])).status_code == 200
    assert client.get(reverse("policy:edit")).status_code == 404
    data = editor_post(published, title_ja="監査人の題名")
    assert client.post(reverse("policy:edit"), data).status_code == 404
    assert published.policy.versions.count() == 1


@pytest.mark.parametrize("persona", ["hr", "response"])
def test_hr_and_the_response_team_edit(
    desk: Desk, client: Client, published: PolicyVersion, persona: str
) -> None:
    desk.login(client, getattr(desk, persona))
    for name, args in EDIT_PAGES:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_an_outsider_sees_nothing_of_our_policy(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    desk.login(client, desk.outsider)  # the response team of another organisation
    for name, args in [*EDIT_PAGES, ("policy:version_pdf", [1])]:
        response = client.get(reverse(name, args=args))
        assert "カスタマーハラスメントに対する行動指針" not in response.content.decode(), name
        if name != "policy:edit" and name != "policy:versions":
            assert response.status_code == 404, name
    # The outsider's own pages are about their own (missing) policy.
    internal = client.get(reverse("policy:internal")).content.decode()
    assert "まもりスタッフィング" not in internal
    assert "カスタマーハラスメントに対する行動指針" not in internal
    assert client.post(reverse("policy:publish", args=[1])).status_code == 404
    with pytest.raises(actions.PolicyError):
        actions.do_save_draft(
            actor=desk.outsider,
            policy=published.policy,
            base_number=1,
            title_ja="乗っ取り",
            title_en="",
            sections=with_section(published, 0, body_ja="x"),
        )
    assert published.policy.versions.count() == 1


def test_drafts_stay_hidden_from_readers(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    actions.do_save_draft(
        actor=desk.hr,
        policy=published.policy,
        base_number=1,
        title_ja="下書きの題名",
        title_en="",
        sections=with_section(published, 0, body_ja="下書き"),
    )
    desk.login(client, desk.handler)
    assert client.get(reverse("policy:version_pdf", args=[2])).status_code == 404
    assert "下書きの題名" not in client.get(reverse("policy:internal")).content.decode()
