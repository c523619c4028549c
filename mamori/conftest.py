"""Shared fixtures: a small organisation with named personas, as in every test of the desk.

Personas: a reporter (a dispatched worker with a login), a case handler (sales
rep), the handler's manager, the response team, an HR admin, an auditor, a
second case handler who is not involved, and an outsider from another
organisation who must get 404s everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from mamori.accounts.models import Role, User
from mamori.cases import actions
from mamori.cases.models import Case, CaseKind
from mamori.orgs.models import ClientCompany, ClientContact, Department, Organisation, Worker

JST = ZoneInfo("Asia/Tokyo")
PASSWORD = "correct-horse-battery-9"


@dataclass
class Desk:
    org: Organisation
    other_org: Organisation
    reporter: User
    handler: User
    other_handler: User
    manager: User
    response: User
    hr: User
    auditor: User
    outsider: User
    client: ClientCompany
    department: Department
    contact: ClientContact
    general_affairs: ClientContact
    worker: Worker

    def login(self, client: Client, user: User) -> Client:
        client.force_login(user)
        return client

    def open_case(self, title: str = "勤怠に関するご指摘", **kwargs: object) -> Case:
        defaults: dict[str, object] = {
            "actor": self.handler,
            "kind": CaseKind.CLIENT_COMPLAINT,
            "title": title,
            "client": self.client,
            "first_entry": actions.EntryInput(
                occurred_at=datetime(2026, 11, 2, 9, 30, tzinfo=JST),
                channel="phone",
                summary="派遣先の課長から、スタッフの遅刻が続いているとのご指摘。",
            ),
        }
        defaults.update(kwargs)
        return actions.do_open_case(**defaults)  # type: ignore[arg-type]


def _user(org: Organisation | None, username: str, role: str, **extra: object) -> User:
    user = User(username=username, role=role, organisation=org, display_name=username, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: ids repeat after rollbacks, cached keys must not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def desk(db: None) -> Desk:
    org = Organisation.objects.create(name="まもりスタッフィング", slug="mamori")
    other = Organisation.objects.create(name="よその会社", slug="other")
    manager = _user(org, "manager", Role.MANAGER)
    client = ClientCompany.objects.create(organisation=org, name="H製作所")
    department = Department.objects.create(client=client, name="情報システム部")
    worker_user = _user(org, "reporter", Role.REPORTER)
    worker = Worker.objects.create(organisation=org, name="R", user=worker_user)
    return Desk(
        org=org,
        other_org=other,
        reporter=worker_user,
        handler=_user(org, "handler", Role.CASE_HANDLER, manager=manager),
        other_handler=_user(org, "other_handler", Role.CASE_HANDLER),
        manager=manager,
        response=_user(org, "response", Role.RESPONSE_TEAM),
        hr=_user(org, "hr", Role.HR_ADMIN),
        auditor=_user(org, "auditor", Role.AUDITOR),
        outsider=_user(other, "outsider", Role.RESPONSE_TEAM),
        client=client,
        department=department,
        contact=ClientContact.objects.create(client=client, name="M課長", role="line_manager"),
        general_affairs=ClientContact.objects.create(
            client=client, name="総務 S", role="general_affairs"
        ),
        worker=worker,
    )


pytest_plugins = ["mamori.browser"]
