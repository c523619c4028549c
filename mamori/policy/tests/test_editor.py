from __future__ import annotations

from django.test import Client
from django.urls import reverse

from mamori.conftest import Desk
from mamori.policy.models import PolicyVersion
from mamori.policy.tests.conftest import editor_post


def _latest(version: PolicyVersion) -> PolicyVersion:
    latest = version.policy.latest_version()
    assert latest is not None
    return latest


def test_the_editor_offers_every_section_with_japanese_category_names(
    desk: Desk, client: Client, draft: PolicyVersion
) -> None:
    desk.login(client, desk.hr)
    page = client.get(reverse("policy:edit")).content.decode()
    assert page.count('name="section-') > 17 * 6
    assert "過剰・不合理な要求" in page
    assert (
        'name="section-5-categories" value="excessive_demand" '
        'id="id_section-5-categories_4" checked>'
    ) in page
    assert 'name="section-0-categories" value="excessive_demand" ' in page


def test_it_opens_the_start_page_before_any_policy_exists(desk: Desk, client: Client) -> None:
    desk.login(client, desk.hr)
    response = client.get(reverse("policy:edit"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Create a draft from the template" in response.content.decode()


def test_it_reorders_removes_and_adds_sections(
    desk: Desk, client: Client, draft: PolicyVersion
) -> None:
    before = draft.text().sections
    desk.login(client, desk.hr)
    data = editor_post(
        draft,
        **{
            # Move the last section ("review") to the top, drop the second one, add one.
            "section-16-ORDER": 0,
            "section-1-DELETE": "on",
            "section-17-heading_ja": "お問い合わせ窓口",
            "section-17-heading_en": "Contact",
            "section-17-body_ja": "窓口：総務部",
            "section-17-body_en": "",
            "section-17-categories": ["threat"],
            "section-17-ORDER": 99,
        },
    )
    response = client.post(reverse("policy:edit"), data)
    assert response.status_code == 302
    after = _latest(draft).text().sections
    assert len(after) == 17
    assert after[0] == before[16]
    assert after[1] == before[0]
    assert before[1] not in after
    assert after[-1].heading_ja == "お問い合わせ窓口"
    assert after[-1].key == "custom"
    assert after[-1].categories == ("threat",)
    # English falls back to Japanese where it was left empty.
    assert after[-1].body("en") == "窓口：総務部"


def test_it_links_clauses_to_categories(desk: Desk, client: Client, draft: PolicyVersion) -> None:
    desk.login(client, desk.hr)
    data = editor_post(draft, **{"section-0-categories": ["abuse", "sexual"]})
    assert client.post(reverse("policy:edit"), data).status_code == 302
    assert _latest(draft).sections[0]["categories"] == ["abuse", "sexual"]


def test_it_rejects_bad_input_and_writes_nothing(
    desk: Desk, client: Client, draft: PolicyVersion
) -> None:
    desk.login(client, desk.hr)
    for overrides in (
        {"title_ja": "  "},
        {"section-3-heading_ja": ""},
        {"section-3-body_ja": "\n\n"},
        {"section-0-categories": ["not-a-category"]},
        {"section-0-heading_ja": "長" * 201},
        {f"section-{i}-DELETE": "on" for i in range(17)},
    ):
        response = client.post(
            reverse("policy:edit"), editor_post(draft, **overrides), HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200, overrides
        assert 'role="alert"' in response.content.decode(), overrides
    assert draft.policy.versions.count() == 1


def test_it_edits_from_an_older_version(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    desk.login(client, desk.hr)
    data = editor_post(published, title_ja="第二版")
    assert client.post(reverse("policy:edit"), data).status_code == 302
    page = client.get(reverse("policy:edit"), {"from": 1}).content.decode()
    assert 'name="base" value="2"' in page
    assert "カスタマーハラスメントに対する行動指針" in page
    assert client.get(reverse("policy:edit"), {"from": 9}).status_code == 404
    assert client.get(reverse("policy:edit"), {"from": "x"}).status_code == 404
