from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mamori.audit.models import AuditEvent, EventType
from mamori.conftest import Desk
from mamori.policy import actions
from mamori.policy.models import PolicyVersion
from mamori.policy.tests.conftest import editor_post, with_section

INSERTED = "当社は、対応の結果を相談した従業員に必ずお伝えします。"


def test_start_creates_a_draft_from_the_template_with_an_audit_row(
    desk: Desk, client: Client
) -> None:
    desk.login(client, desk.hr)
    response = client.post(reverse("policy:start"))
    assert response.status_code == 302
    version = PolicyVersion.objects.get()
    assert version.number == 1
    assert not version.is_published
    assert len(version.sections) == 17
    assert "まもりスタッフィング" in version.sections[0]["body_ja"]
    assert "{company}" not in str(version.sections)
    event = AuditEvent.objects.get(event_type=EventType.POLICY_SAVED)
    assert event.actor == desk.hr
    assert event.data["new"]["content_sha256"] == version.content_sha256()
    # A second click does not create a second policy.
    client.post(reverse("policy:start"))
    assert PolicyVersion.objects.count() == 1


def test_saving_a_published_version_creates_the_next_version(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    desk.login(client, desk.response)
    data = editor_post(published, **{"section-0-body_ja": "新しい前文です。"})
    response = client.post(reverse("policy:edit"), data)
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.sections[0]["body_ja"] != "新しい前文です。"
    assert published.is_published
    second = published.policy.latest_version()
    assert second is not None
    assert second.number == 2
    assert not second.is_published
    assert second.sections[0]["body_ja"] == "新しい前文です。"
    assert second.created_by == desk.response
    assert response["Location"] == second.get_absolute_url()
    event = AuditEvent.objects.filter(event_type=EventType.POLICY_SAVED).last()
    assert event is not None
    assert event.data["base"] == 1
    assert event.data["changed_sections"] == [1]


def test_a_saved_version_refuses_to_change_in_place(published: PolicyVersion) -> None:
    published.title_ja = "書き換え"
    with pytest.raises(PermissionError):
        published.save()
    with pytest.raises(PermissionError):
        published.save(update_fields=["title_ja"])


def test_a_stale_editor_does_not_overwrite_a_newer_version(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    actions.do_save_draft(
        actor=desk.response,
        policy=published.policy,
        base_number=1,
        title_ja=published.title_ja,
        title_en="",
        sections=with_section(published, 1, heading_ja="定義"),
    )
    desk.login(client, desk.hr)
    data = editor_post(published, base=1, title_ja="別の題名")
    response = client.post(reverse("policy:edit"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Version 2 was saved while you were editing" in response.content.decode()
    assert published.policy.versions.count() == 2


def test_saving_without_changes_is_refused(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    desk.login(client, desk.hr)
    response = client.post(
        reverse("policy:edit"), editor_post(published), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Nothing has changed since version 1." in response.content.decode()
    assert published.policy.versions.count() == 1


def test_the_diff_shows_an_inserted_sentence(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    body = published.sections[12]["body_ja"]
    first_paragraph_end = body.index("\n")
    new_body = body[:first_paragraph_end] + INSERTED + body[first_paragraph_end:]
    second = actions.do_save_draft(
        actor=desk.hr,
        policy=published.policy,
        base_number=1,
        title_ja=published.title_ja,
        title_en=published.title_en,
        sections=with_section(published, 12, body_ja=new_body),
        note="結果のお知らせを追記",
    )
    desk.login(client, desk.hr)
    response = client.get(reverse("policy:version", args=[second.number]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<ins>{INSERTED}</ins>" in page
    assert "<del>" not in page.split('id="changes"')[1].split('id="text"')[0]
    assert "結果のお知らせを追記" in page
    assert "1 section unchanged" not in page


def test_the_diff_escapes_and_marks_deletions(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    second = actions.do_save_draft(
        actor=desk.hr,
        policy=published.policy,
        base_number=1,
        title_ja=published.title_ja,
        title_en="<b>Policy</b>",
        sections=with_section(published, 0, categories=["abuse"]),
    )
    desk.login(client, desk.hr)
    page = client.get(
        reverse("policy:version", args=[second.number]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert (
        "<del>Our Policy on Customer Harassment</del><ins>&lt;b&gt;Policy&lt;/b&gt;</ins>" in page
    )
    assert "+ Abuse" in page
    assert "16 sections unchanged." in page


def test_publishing_makes_a_draft_current_and_is_audited(
    desk: Desk, client: Client, draft: PolicyVersion
) -> None:
    desk.login(client, desk.hr)
    response = client.post(reverse("policy:publish", args=[1]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_by == desk.hr
    event = AuditEvent.objects.get(event_type=EventType.POLICY_PUBLISHED)
    assert event.data["previous"] is None
    # Publishing twice is refused and writes nothing.
    client.post(reverse("policy:publish", args=[1]))
    assert AuditEvent.objects.filter(event_type=EventType.POLICY_PUBLISHED).count() == 1


def test_an_older_draft_cannot_replace_a_newer_published_version(
    desk: Desk, published: PolicyVersion
) -> None:
    sections = with_section(published, 0, body_ja="二版")
    second = actions.do_save_draft(
        actor=desk.hr,
        policy=published.policy,
        base_number=1,
        title_ja="二",
        title_en="",
        sections=sections,
    )
    third = actions.do_save_draft(
        actor=desk.hr,
        policy=published.policy,
        base_number=2,
        title_ja="三",
        title_en="",
        sections=sections,
    )
    actions.do_publish(actor=desk.hr, version=third)
    with pytest.raises(actions.PolicyError):
        actions.do_publish(actor=desk.hr, version=second)
    current = published.policy.current_version()
    assert current is not None and current.number == 3


def test_the_version_list_says_who_changed_what_when(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    actions.do_save_draft(
        actor=desk.response,
        policy=published.policy,
        base_number=1,
        title_ja=published.title_ja,
        title_en="",
        sections=with_section(published, 0, body_ja="前文"),
        note="前文を短くした",
    )
    desk.login(client, desk.auditor)
    response = client.get(reverse("policy:versions"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "前文を短くした" in page
    assert "Published (current)" in page
    assert "Draft" in page
    assert "response" in page and "hr" in page
