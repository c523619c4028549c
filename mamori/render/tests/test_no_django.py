"""The renderers are a pure package: importing and using them never loads Django."""

from __future__ import annotations

import os
import subprocess
import sys

_PROBE = """
import sys
import mamori.render as r
from mamori.render._sample import sample_report

assert "weasyprint" not in sys.modules, "weasyprint must be imported lazily"
report = sample_report()
r.render_html(report)
r.render_markdown(report)
r.render_docx(report)
r.render_case_list_xlsx([{"a": 1}], [("a", "A")])
r.render_pdf(report)
leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(leaked))
"""


def test_it_renders_every_format_without_importing_django() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Django modules imported: {result.stdout}"
