"""The ``mamori`` command.

``mamori triage`` runs the pure triage engine without loading Django, so it
starts fast and works anywhere. Every other sub-command is a Django management
command (``serve``, ``demo``, ``import-eml``, ``createuser``, ``migrate`` …).
"""

from __future__ import annotations

import os
import sys

MIN_PYTHON = (3, 11)

# Friendly spellings on the command line for management commands whose
# module names cannot contain a hyphen.
ALIASES = {
    "import-eml": "import_eml",
    "care-reminders": "care_reminders",
    "generate-key": "generate_key",
    "rotate-keys": "rotate_keys",
    "export-corrections": "export_corrections",
    "seed-playbooks": "seed_playbooks",
    "sla-escalate": "sla_escalate",
}


def main(argv: list[str] | None = None) -> int:
    if sys.version_info < MIN_PYTHON:
        sys.stderr.write(
            "Mamori には Python 3.11 以上が必要です。/ Mamori needs Python 3.11 or newer "
            f"(this is {sys.version.split()[0]}).\n"
        )
        return 2
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "triage":
        from mamori.triage._cli import main as triage_main

        return int(triage_main(args[1:]))
    if args:
        args[0] = ALIASES.get(args[0], args[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mamori.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["mamori", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
