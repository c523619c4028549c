from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Migrate, then run the web server and the background task worker together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("MAMORI_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument("--no-worker", action="store_true", help="do not start the task worker")
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_playbooks", verbosity=0)
        call_command("search_reindex", "--missing", verbosity=0)
        # Queues the periodic SLA tick for the worker (once, however often we restart).
        call_command("sla_escalate", "--schedule", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        children: list[subprocess.Popen[bytes]] = []
        manage = [sys.executable, "-m", "mamori.cli"]
        if not options["no_worker"]:
            children.append(subprocess.Popen([*manage, "db_worker"]))  # noqa: S603
        web = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "mamori.wsgi:application",
                "--bind",
                options["bind"],
                "--workers",
                str(options["workers"]),
                "--access-logfile",
                "-",
            ]
        )
        children.append(web)
        self.stdout.write(f"Mamori: http://{options['bind']}/  (Ctrl+C で停止 / to stop)")

        def stop(signum: int, frame: Any) -> None:
            for child in children:
                child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        try:
            web.wait()
        except KeyboardInterrupt:
            stop(signal.SIGINT, None)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        if settings.DEBUG:
            self.stdout.write("stopped")
