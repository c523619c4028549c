from __future__ import annotations

from django.test import Client
from django.urls import reverse

from mamori.conftest import Desk
from mamori.policy import actions
from mamori.policy.models import PolicyVersion
from mamori.policy.tests.conftest import with_section


def _public(desk: Desk) -> str:
    return reverse("policy:public", args=[desk.org.slug])


def test_it_shows_the_published_policy_without_login(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    response = client.get(_public(desk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "カスタマーハラスメントに対する行動指針" in page
    # The company name was filled into the template text.
    assert "まもりスタッフィング（以下「当社」といいます）" in page
    assert "{company}" not in page
    assert response["Content-Language"] == "ja"
    assert 'lang="ja"' in page


def test_it_speaks_english_on_request(desk: Desk, client: Client, published: PolicyVersion) -> None:
    response = client.get(_public(desk), {"lang": "en"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Our Policy on Customer Harassment" in page
    assert "A request to our customers" in page
    assert "Published" in page
    assert response["Content-Language"] == "en"


def test_it_answers_404_before_anything_is_published(
    desk: Desk, client: Client, draft: PolicyVersion
) -> None:
    assert client.get(_public(desk)).status_code == 404


def test_it_answers_404_for_an_organisation_without_a_policy(desk: Desk, client: Client) -> None:
    assert client.get(_public(desk)).status_code == 404


def test_it_answers_404_for_an_unknown_slug(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    assert client.get(reverse("policy:public", args=["no-such-company"])).status_code == 404


def test_it_keeps_showing_the_published_text_while_a_draft_is_edited(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    actions.do_save_draft(
        actor=desk.hr,
        policy=published.policy,
        base_number=1,
        title_ja="改訂中の行動指針",
        title_en="",
        sections=with_section(published, 0, body_ja="まだ公開しない文章です。"),
    )
    page = client.get(_public(desk)).content.decode()
    assert "カスタマーハラスメントに対する行動指針" in page
    assert "改訂中の行動指針" not in page
    assert "まだ公開しない文章です。" not in page


def test_it_never_lets_policy_text_become_html(
    desk: Desk, client: Client, published: PolicyVersion
) -> None:
    version = actions.do_save_draft(
        actor=desk.hr,
        policy=published.policy,
        base_number=1,
        title_ja="<script>alert(1)</script>",
        title_en="",
        sections=with_section(published, 0, body_ja="- <img src=x onerror=alert(1)>\n**太字**"),
    )
    actions.do_publish(actor=desk.hr, version=version)
    page = client.get(_public(desk)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<img" not in page
    assert "<li>&lt;img src=x onerror=alert(1)&gt;</li>" in page
