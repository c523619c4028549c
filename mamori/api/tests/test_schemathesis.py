"""Property-based run of the API against its own OpenAPI schema (schemathesis).

Bounded: a handful of operations, a few examples each, authenticated with a
real token, on the Django WSGI app in-process. It asserts that no generated
request, valid or not, makes the server fail (5xx) and that answers match
the documented shapes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from mamori.api.tests.conftest import MakeToken
from mamori.conftest import Desk
from mamori.wsgi import application

OPERATIONS = [
    ("GET", "/api/cases"),
    ("POST", "/api/cases"),
    ("GET", "/api/cases/{case_id}"),
    ("POST", "/api/cases/{case_id}/status"),
    ("GET", "/api/cases/{case_id}/entries"),
    ("POST", "/api/cases/{case_id}/entries"),
    ("POST", "/api/cases/{case_id}/tasks"),
    ("POST", "/api/cases/{case_id}/parties"),
    ("POST", "/api/triage"),
]
EXAMPLES = 8


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Calls go through the real WSGI handler, which closes the database connection after
    each request; that would end the test's transaction. Django's test client avoids it the
    same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("keep_test_connection")
def test_the_api_answers_generated_requests_without_server_errors(
    desk: Desk, make_token: MakeToken
) -> None:
    secret = make_token(desk.response)
    headers = {"Authorization": f"Bearer {secret}", "Accept-Language": "en"}
    case = desk.open_case()
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    checks = [not_a_server_error, response_schema_conformance]
    for method, path in OPERATIONS:
        operation = schema[path][method]
        # Half the runs on a case the token may see, so requests reach the actions.
        pinned = {"case_id": case.pk} if "{case_id}" in path else None
        for path_parameters in (pinned, None) if pinned else (None,):
            strategy = operation.as_strategy(path_parameters=path_parameters)

            @hypothesis_settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            @given(strategy)
            def run(generated: schemathesis.Case[Any]) -> None:
                response = generated.call(headers=headers)
                generated.validate_response(response, checks=checks, headers=headers)

            run()
