from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mamori.accounts.models import User
from mamori.demo.loader import DEMO_PASSWORD, DEMO_SLUG, DemoDataError, demo_exists, load_demo


class Command(BaseCommand):
    help = "Load the demo organisation, its people and cases (both scenarios and more)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        if demo_exists():
            self.stdout.write("デモデータは読み込み済みです / demo data already loaded")
        else:
            try:
                world = load_demo()
            except DemoDataError as exc:
                raise CommandError(str(exc)) from exc
            count = world.organisation.cases.count()
            self.stdout.write(f"デモデータを読み込みました / demo loaded: {count} cases")
        self.stdout.write(
            f"公開中の行動指針 / public policy: /policy/public/{DEMO_SLUG}/ · "
            f"匿名の相談窓口 / anonymous desk: /consult/{DEMO_SLUG}/report/"
        )
        self.stdout.write("デモのログイン / demo logins (password: " + DEMO_PASSWORD + "):")
        for user in User.objects.filter(organisation__slug=DEMO_SLUG).order_by("role", "username"):
            self.stdout.write(f"  {user.username:<12} {user.get_role_display()}  {user}")
