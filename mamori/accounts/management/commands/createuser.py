from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from mamori.accounts.models import Role, User
from mamori.orgs.models import Organisation


class Command(BaseCommand):
    help = "Create a Mamori user with a role in an organisation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", choices=Role.values, default=Role.CASE_HANDLER)
        parser.add_argument("--organisation", help="organisation slug (created if missing)")
        parser.add_argument("--display-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="omit to be asked; avoid in shell history")
        parser.add_argument("--superuser", action="store_true", help="also a Django superuser")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if User.objects.filter(username=username).exists():
            raise CommandError(f"ユーザー {username} は既に存在します / user {username} exists")
        password = options["password"]
        if password is None:
            password = getpass.getpass("Password: ")
        user = User(
            username=username,
            email=options["email"],
            display_name=options["display_name"],
            role=options["role"],
        )
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            if options["organisation"]:
                user.organisation, _ = Organisation.objects.get_or_create(
                    slug=options["organisation"], defaults={"name": options["organisation"]}
                )
            user.is_staff = user.is_superuser = bool(options["superuser"])
            user.set_password(password)
            user.save()
        self.stdout.write(f"created {username} ({user.role})")
