"""The API's request and response shapes (pydantic, through django-ninja).

Input schemas check types and bounds; the desk's own forms then apply the
domain rules (organisation scope, no future times), so the web pages and the
API refuse the same things.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Generic, Literal, TypeVar

from ninja import Schema
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from mamori.cases.models import CaseKind, CaseStatus, Channel, Direction, PartyRole

# Larger ids cannot exist in a bigint column; refusing them early keeps lookups simple.
MAX_ID = 2**63 - 1
MAX_LIMIT = 100
DEFAULT_LIMIT = 20


def _plain_text(value: str) -> str:
    # PostgreSQL cannot store NUL, and unpaired surrogates cannot be encoded at all.
    if "\x00" in value:
        raise PydanticCustomError("text_not_allowed", "Text may not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError(
            "text_not_allowed", "Text may not contain unpaired surrogates."
        ) from None
    return value


def _sane_datetime(value: datetime) -> datetime:
    try:
        year = value.astimezone().year if value.tzinfo is not None else value.year
    except OverflowError:
        year = 0
    if not 1900 <= year <= 2999:
        raise PydanticCustomError("date_out_of_range", "Give a time between 1900 and 2999.")
    return value


Text = Annotated[str, AfterValidator(_plain_text)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
When = Annotated[datetime, AfterValidator(_sane_datetime)]

T = TypeVar("T")


class Page(Schema, Generic[T]):
    count: int = Field(description="Number of items matching, over all pages.")
    limit: int
    offset: int
    items: list[T]


class FieldErrorOut(Schema):
    field: str | None
    location: str
    code: str
    message: str
    message_ja: str
    message_en: str


class ErrorBody(Schema):
    code: str
    message: str = Field(description="In the request's language (Accept-Language).")
    message_ja: str
    message_en: str
    fields: list[FieldErrorOut] | None = None


class ErrorOut(Schema):
    error: ErrorBody


class Ref(Schema):
    id: int
    name: str


class LabelsOut(Schema):
    verdict: str
    demand_validity: str
    means: str
    categories: list[str]
    flags: list[str]
    topics: list[str]
    severity: int | None = None
    confirmed: bool = Field(description="True when people confirmed or corrected the labels.")


class CaseSummaryOut(Schema):
    id: int
    number: str
    kind: CaseKind
    title: str
    status: CaseStatus
    severity: int
    owner: Ref
    client: Ref | None
    opened_at: datetime
    closed_at: datetime | None
    updated_at: datetime
    url: str = Field(description="The case page on the desk.")


class CaseOut(CaseSummaryOut):
    department: Ref | None
    topics: list[str]
    background: list[str]
    assignees: list[Ref]
    current_instalment: int
    allowed_status_moves: list[CaseStatus]
    labels: LabelsOut | None


class CaseCreateIn(Schema):
    text: Text = Field(
        min_length=1,
        max_length=100_000,
        description="The complaint as received; it becomes the first timeline entry.",
    )
    kind: CaseKind = CaseKind.CLIENT_COMPLAINT
    title: Text = Field("", max_length=200, description="Empty: the first line of the text.")
    client_id: Id | None = None
    channel: Channel = Channel.MAIL


class StatusChangeIn(Schema):
    status: CaseStatus
    reason: Text = Field("", max_length=500)


class PartyOut(Schema):
    id: int
    role: PartyRole
    kind: Literal["worker", "contact", "user", "name"]
    name: str
    note: str
    worker_id: int | None
    contact_id: int | None
    user_id: int | None


class PartyCreateIn(Schema):
    role: PartyRole
    worker_id: Id | None = None
    contact_id: Id | None = None
    user_id: Id | None = None
    name: Text = Field("", max_length=200)
    note: Text = Field("", max_length=300)


class AssessmentOut(Schema):
    verdict: str
    severity: int
    categories: list[str]
    flags: list[str]
    topics: list[str]
    engine_version: str


class EntryOut(Schema):
    id: int
    occurred_at: datetime
    channel: Channel
    direction: Direction
    participants: list[str]
    summary: str
    quotes: list[str]
    instalment: int
    author: Ref
    created_at: datetime
    assessment: AssessmentOut | None


class EntryCreateIn(Schema):
    occurred_at: When | None = Field(None, description="Default: now. Never in the future.")
    channel: Channel
    direction: Direction = Direction.INBOUND
    participants: list[Annotated[Text, Field(max_length=200)]] = Field(
        default_factory=list, max_length=50
    )
    summary: Text = Field(min_length=1, max_length=50_000)
    quotes: list[Annotated[Text, Field(max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )
    instalment: int | None = Field(None, ge=1, le=99, description="Default: the current one.")


class TaskOut(Schema):
    id: int
    title: str
    assignee: Ref | None
    due: date | None
    done_at: datetime | None
    is_done: bool
    created_at: datetime


class TaskCreateIn(Schema):
    title: Text = Field(min_length=1, max_length=300)
    assignee_id: Id | None = None
    due: date | None = None


class FileOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    description: str
    entry_id: int | None
    uploaded_by: Ref
    uploaded_at: datetime
    download_url: str


class TriageIn(Schema):
    text: Text = Field(description="One Japanese text: an e-mail, a call memo, a self-report.")


class TriageFindingOut(Schema):
    label: str
    kind: str
    start: int
    end: int
    quote: str
    rule: str
    confidence: float
    explanation: str


class TriageEngineOut(Schema):
    name: str
    version: str


class TriageOut(Schema):
    """Exactly the contract JSON of docs/triage.md (shared/spec/triage.md)."""

    verdict: str
    demand_validity: str
    means: str
    categories: list[str]
    flags: list[str]
    topics: list[str]
    findings: list[TriageFindingOut]
    severity: int
    engine: TriageEngineOut
