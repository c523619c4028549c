from __future__ import annotations

import re
from typing import Any

from django.test import Client

from mamori.conftest import Desk


def test_docs_page_works_offline(desk: Desk, client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources, "the page loads Swagger UI"
    assert all(source.startswith("/") for source in sources), sources
    assert "cdn" not in page.lower()
    for source in sources:
        asset = client.get(source)
        assert asset.status_code == 200, source
        assert asset.getvalue()
        asset.close()
    assert "<script>" not in page, "no inline script (CSP)"


def test_only_swagger_files_are_served_as_assets(client: Client) -> None:
    assert client.get("/api/docs/assets/__init__.py").status_code == 404
    assert client.get("/api/docs/assets/..%2Fmain.py").status_code == 404


def test_openapi_schema_documents_token_auth_and_errors(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Mamori API"
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    for path in ["/api/cases", "/api/cases/{case_id}", "/api/triage", "/api/cases/{case_id}/files"]:
        assert path in schema["paths"], path
    listing = schema["paths"]["/api/cases"]["get"]
    assert "cases:read" in listing["description"]
    assert "404" in listing["responses"] or "4XX" in str(listing["responses"])


def test_api_root_points_to_the_docs(client: Client) -> None:
    body = client.get("/api/").json()
    assert body["docs"].endswith("/api/docs")
    assert body["openapi"].endswith("/api/openapi.json")


def test_pages_still_get_their_trailing_slash(client: Client) -> None:
    response = client.get("/api/tokens")
    assert response.status_code == 302
    assert response["Location"] == "/api/tokens/"


def test_api_root_needs_no_database(
    db: None, client: Client, django_assert_num_queries: Any
) -> None:
    # Load balancers poll it as a liveness check.
    with django_assert_num_queries(0):
        assert client.get("/api/").status_code == 200
