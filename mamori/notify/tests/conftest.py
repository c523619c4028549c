"""A real local HTTP server standing in for Slack or Teams, and a task worker run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core.management import call_command

from mamori.cases.models import Case, CaseKind
from mamori.conftest import Desk
from mamori.notify.models import WebhookEndpoint


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class WebhookServer:
    url: str
    # Status codes to answer with, in order; 200 once they run out.
    statuses: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)


@pytest.fixture
def webhook_server() -> Iterator[WebhookServer]:
    state = WebhookServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            state.received.append(Received(self.path, dict(self.headers.items()), body))
            status = state.statuses.pop(0) if state.statuses else 200
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok" if status == 200 else b"boom")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/desk"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run_worker() -> None:
    """Run every task that is due through the database backend's own worker, then stop."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--verbosity", "0")
    finally:
        # The worker installs its own handlers for graceful shutdown; give pytest its own back.
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def harassment_case(desk: Desk, **kwargs: Any) -> Case:
    defaults: dict[str, Any] = {"kind": CaseKind.CUSTOMER_HARASSMENT, "title": "カスハラ案件"}
    defaults.update(kwargs)
    return desk.open_case(**defaults)


def give_emails(desk: Desk) -> None:
    for user in (desk.manager, desk.response, desk.hr, desk.handler, desk.outsider):
        user.email = f"{user.username}@example.jp"
        user.save(update_fields=["email"])


def add_endpoint(desk: Desk, url: str, **kwargs: Any) -> WebhookEndpoint:
    defaults: dict[str, Any] = {"organisation": desk.org, "name": "#kasuhara", "url": url}
    defaults.update(kwargs)
    return WebhookEndpoint.objects.create(**defaults)
