"""Policy fixtures on top of the shared ``desk``: a first draft and a published version."""

from __future__ import annotations

from typing import Any

import pytest

from mamori.conftest import Desk
from mamori.policy import actions
from mamori.policy.models import PolicyVersion
from mamori.policy.sections import Section


@pytest.fixture
def draft(desk: Desk) -> PolicyVersion:
    return actions.do_start_policy(actor=desk.hr)


@pytest.fixture
def published(desk: Desk, draft: PolicyVersion) -> PolicyVersion:
    return actions.do_publish(actor=desk.hr, version=draft)


def editor_post(version: PolicyVersion, **overrides: Any) -> dict[str, Any]:
    """The editor's POST data for ``version`` unchanged; overrides use the form field names."""
    text = version.text()
    data: dict[str, Any] = {
        "title_ja": text.title_ja,
        "title_en": text.title_en,
        "note": "",
        "base": version.policy.latest_version().number,  # type: ignore[union-attr]
        "section-TOTAL_FORMS": len(text.sections) + 1,
        "section-INITIAL_FORMS": len(text.sections),
        "section-MIN_NUM_FORMS": 1,
        "section-MAX_NUM_FORMS": 50,
    }
    for index, section in enumerate(text.sections):
        prefix = f"section-{index}-"
        data.update(
            {
                prefix + "key": section.key,
                prefix + "heading_ja": section.heading_ja,
                prefix + "heading_en": section.heading_en,
                prefix + "body_ja": section.body_ja,
                prefix + "body_en": section.body_en,
                prefix + "categories": list(section.categories),
                prefix + "ORDER": index + 1,
            }
        )
    data.update(overrides)
    return data


def with_section(version: PolicyVersion, index: int, **changes: Any) -> list[Section]:
    """The sections of ``version`` with section ``index`` changed."""
    sections = list(version.text().sections)
    sections[index] = Section.from_dict({**sections[index].to_dict(), **changes})
    return sections
