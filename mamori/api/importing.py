"""Import and export of master data: clients, departments, contacts and workers.

Files: CSV in UTF-8 (with or without BOM), in Shift_JIS/CP932 as Excel in
Japan saves it, or in UTF-16 ("Unicode text", tab-separated); and Excel
``.xlsx`` (the first sheet). Row 1 holds the column names, in Japanese or
English or as the short keys (``name``, ``client`` …).

Import is all or nothing: the preview checks every row against the database
and lists each problem with its row number and column; the import runs only
when no row has an error, in one transaction with one audit row, after
checking everything once more. Rows are matched to existing records by the
``id`` column when given, otherwise by their natural key (client name;
client + department name; client + contact name; worker name + kana), so
importing an export back changes nothing. A column present in the file sets
the field (an empty cell clears it); a column left out of the file leaves the
field alone.

Exports write the same columns, so an export can be edited and imported back.
Cells that a spreadsheet would run as a formula (starting with = + - @) are
written as text: in CSV behind a leading apostrophe, which the import strips.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from mamori.audit.actions import record_event
from mamori.audit.models import EventType
from mamori.orgs.models import (
    ClientCompany,
    ClientContact,
    ContactRole,
    Department,
    Employment,
    Organisation,
    Worker,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
MAX_COLUMNS = 50
# An .xlsx is a zip: refuse archives that would inflate far beyond the upload limit.
MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

TRUE_WORDS = {"1", "true", "yes", "y", "有効", "はい", "○", "〇", "在籍"}
FALSE_WORDS = {"0", "false", "no", "n", "無効", "いいえ", "×", "退職"}


class RecordKind(models.TextChoices):
    CLIENTS = "clients", gettext_lazy("Client companies")
    DEPARTMENTS = "departments", gettext_lazy("Client departments")
    CONTACTS = "contacts", gettext_lazy("Client contacts")
    WORKERS = "workers", gettext_lazy("Workers")


@dataclass(frozen=True)
class Column:
    """A column of the file format: its key and its names in both languages.

    The names are part of the file format, not UI text: they must be
    recognised whatever language the desk runs in, so they are spelt out here.
    """

    key: str
    ja: str
    en: str
    required: bool = False

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja

    def names(self) -> set[str]:
        return {_norm_header(n) for n in (self.key, self.ja, self.en)}


ID = Column("id", "ID", "ID")
COLUMNS: dict[str, tuple[Column, ...]] = {
    RecordKind.CLIENTS: (
        ID,
        Column("name", "派遣先名", "Client", required=True),
        Column("industry", "業種", "Industry"),
        Column("notes", "備考", "Notes"),
    ),
    RecordKind.DEPARTMENTS: (
        ID,
        Column("client", "派遣先名", "Client", required=True),
        Column("name", "部署名", "Department", required=True),
    ),
    RecordKind.CONTACTS: (
        ID,
        Column("client", "派遣先名", "Client", required=True),
        Column("name", "氏名", "Name", required=True),
        Column("department", "部署名", "Department"),
        Column("title", "役職", "Job title"),
        Column("role", "役割", "Role"),
        Column("since", "着任日", "In role since"),
        Column("email", "メール", "E-mail"),
        Column("phone", "電話番号", "Phone"),
    ),
    RecordKind.WORKERS: (
        ID,
        Column("name", "氏名", "Name", required=True),
        Column("kana", "フリガナ", "Kana"),
        Column("employment", "雇用区分", "Employment"),
        Column("active", "在籍", "Active"),
    ),
}


def _norm_header(name: str) -> str:
    return re.sub(r"[\s_\-()()]", "", name).lower()


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is in the user's language."""


# --- reading files -------------------------------------------------------------------


def read_table(data: bytes) -> list[list[str]]:
    """The file's rows as lists of cleaned strings; raises ImportFileError."""
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is too large (limit %(limit)s MB).")
            % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    rows = _read_xlsx(data) if data[:4] == b"PK\x03\x04" else _read_csv(_decode(data))
    table = []
    for row in rows:
        cells = [_clean_cell(cell) for cell in row[:MAX_COLUMNS]]
        # Spreadsheets pad rows to the widest one; trailing blanks carry nothing.
        while cells and not cells[-1]:
            cells.pop()
        table.append(cells)
    return table


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8", "cp932"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise ImportFileError(
        _(
            "The file cannot be read as text. Save it as CSV in UTF-8 or Shift_JIS "
            "(CP932), or as an Excel workbook (.xlsx)."
        )
    )


def _read_csv(text: str) -> list[list[str]]:
    if "\x00" in text:
        raise ImportFileError(_("The file contains binary data and is not a CSV file."))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file is malformed: %(error)s") % {"error": str(exc)}
        ) from exc


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    unreadable = _("The Excel file cannot be read. Save it again as .xlsx and retry.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNCOMPRESSED:
                raise ImportFileError(unreadable)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(unreadable) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append([_xlsx_cell(v) for v in values])
            if len(rows) > MAX_IMPORT_ROWS + 1:
                break
        return rows
    except Exception as exc:
        raise ImportFileError(unreadable) from exc
    finally:
        workbook.close()


def _xlsx_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _clean_cell(value: str) -> str:
    value = value.strip(" \t\r\n\u3000")
    # Undo the export's guard against formula injection ('=…, '+81…).
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        value = value[1:]
    return value


# --- checking rows -------------------------------------------------------------------


@dataclass
class RowError:
    column: str
    message: str


@dataclass
class RowResult:
    number: int
    label: str = ""
    action: str = ""  # "create", "update" or "unchanged"; "" when the row has errors
    errors: list[RowError] = field(default_factory=list)
    target: models.Model | None = None
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Preview:
    kind: str
    columns: list[Column]
    rows: list[RowResult]
    file_errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and all(row.ok for row in self.rows) and bool(self.rows)

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if not row.ok]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.ok and row.action == action)

    @property
    def count_create(self) -> int:
        return self.count("create")

    @property
    def count_update(self) -> int:
        return self.count("update")

    @property
    def count_unchanged(self) -> int:
        return self.count("unchanged")


class _Row:
    """One data row while it is checked: typed getters that note errors by column."""

    def __init__(self, number: int, cells: dict[str, str], columns: dict[str, Column], lang: str):
        self.result = RowResult(number=number)
        self.cells = cells
        self.columns = columns
        self.lang = lang

    def has(self, key: str) -> bool:
        return key in self.cells

    def error(self, key: str, message: str) -> None:
        column = self.columns.get(key)
        self.result.errors.append(RowError(column.header(self.lang) if column else "", message))

    def text(self, key: str, model: type[models.Model], field_name: str) -> str:
        value = self.cells.get(key, "")
        max_length = getattr(model._meta.get_field(field_name), "max_length", None)
        if max_length and len(value) > max_length:
            self.error(
                key,
                _("Too long: at most %(limit)s characters (this has %(length)s).")
                % {"limit": max_length, "length": len(value)},
            )
        if self.columns.get(key, ID).required and not value:
            self.error(key, _("This column is required."))
        return value

    def row_id(self) -> int | None:
        value = self.cells.get("id", "")
        if not value:
            return None
        if not value.isdigit() or len(value) > 18:
            self.error("id", _("The ID must be a whole number."))
            return None
        return int(value)

    def choice(self, key: str, choices: type[models.TextChoices], default: str) -> str:
        value = self.cells.get(key, "")
        if not value:
            return default
        found = _choice_lookup(choices).get(value.lower())
        if found is None:
            with override(self.lang):
                names = ", ".join(str(label) for label in choices.labels)
            self.error(key, _("Unknown value. Use one of: %(choices)s") % {"choices": names})
            return default
        return found

    def flag(self, key: str, default: bool = True) -> bool:
        value = self.cells.get(key, "").lower()
        if not value:
            return default
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        self.error(key, _("Write 1 (yes) or 0 (no)."))
        return default

    def day(self, key: str) -> date | None:
        value = self.cells.get(key, "")
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?", value)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                pass
        self.error(key, _("Write the date as YYYY-MM-DD, e.g. 2026-04-01."))
        return None

    def email(self, key: str) -> str:
        value = self.text(key, ClientContact, "email")
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.error(key, _("This is not a valid e-mail address."))
        return value


def _choice_lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value, label in choices.choices:
        lookup[str(value).lower()] = str(value)
        for lang in ("ja", "en"):
            with override(lang):
                lookup[str(label).lower()] = str(value)
    return lookup


def _choice_label(choices: type[models.TextChoices], value: str, lang: str) -> str:
    with override(lang):
        return str(dict(choices.choices).get(value, value))


class _Checker:
    """Checks rows of one kind against the organisation's current records."""

    def __init__(self, kind: str, organisation: Organisation) -> None:
        self.kind = kind
        self.org = organisation
        self.clients = {c.pk: c for c in ClientCompany.objects.filter(organisation=organisation)}
        self.client_by_name = {c.name: c for c in self.clients.values()}
        self.seen: dict[tuple[str, ...], int] = {}
        # Loaded once per file, not once per row.
        self.departments: dict[int, Department] = {}
        self.contacts: dict[int, ClientContact] = {}
        self.workers: dict[int, Worker] = {}
        if kind in (RecordKind.DEPARTMENTS, RecordKind.CONTACTS):
            self.departments = {
                d.pk: d for d in Department.objects.filter(client__organisation=organisation)
            }
        if kind == RecordKind.CONTACTS:
            self.contacts = {
                c.pk: c for c in ClientContact.objects.filter(client__organisation=organisation)
            }
        if kind == RecordKind.WORKERS:
            self.workers = {w.pk: w for w in Worker.objects.filter(organisation=organisation)}

    def check(self, row: _Row) -> None:
        handler: Callable[[_Row], None] = getattr(self, f"check_{self.kind}")
        handler(row)
        if not row.result.errors and row.result.target is not None and not row.result.changes:
            row.result.action = "unchanged"
        elif not row.result.errors:
            row.result.action = "update" if row.result.target is not None else "create"
        else:
            row.result.action = ""

    def _once(self, row: _Row, key: tuple[str, ...], column: str) -> None:
        first = self.seen.setdefault(key, row.result.number)
        if first != row.result.number:
            row.error(column, _("The same record is already in row %(row)s.") % {"row": first})

    def _by_id(self, row: _Row, objects: dict[int, Any]) -> tuple[bool, Any]:
        row_id = row.row_id()
        if row_id is None:
            return False, None
        target = objects.get(row_id)
        if target is None:
            row.error("id", _("No record with this ID in your organisation."))
        return True, target

    def _department(self, client: ClientCompany, name: str) -> Department | None:
        matches = self.index("departments", lambda d: (d.client_id, d.name)).get(
            (client.pk, name), []
        )
        return matches[0] if matches else None

    def index(self, name: str, key: Callable[[Any], tuple[Any, ...]]) -> dict[Any, list[Any]]:
        """The records of ``name`` grouped by ``key``, built on first use."""
        cache_key = f"_index_{name}"
        if not hasattr(self, cache_key):
            grouped: dict[Any, list[Any]] = {}
            for record in getattr(self, name).values():
                grouped.setdefault(key(record), []).append(record)
            setattr(self, cache_key, grouped)
        result: dict[Any, list[Any]] = getattr(self, cache_key)
        return result

    def _client(self, row: _Row) -> ClientCompany | None:
        name = row.text("client", ClientCompany, "name")
        if not name:
            return None
        client = self.client_by_name.get(name)
        if client is None:
            row.error(
                "client",
                _("No client company named “%(name)s”. Import the clients first.") % {"name": name},
            )
        return client

    @staticmethod
    def _diff(row: _Row, target: Any, values: dict[str, Any]) -> None:
        present = {k: v for k, v in values.items() if row.has(k)}
        if target is None:
            row.result.changes = values
        else:
            row.result.changes = {k: v for k, v in present.items() if getattr(target, k) != v}

    def check_clients(self, row: _Row) -> None:
        name = row.text("name", ClientCompany, "name")
        values = {
            "name": name,
            "industry": row.text("industry", ClientCompany, "industry"),
            "notes": row.cells.get("notes", ""),
        }
        row.result.label = name
        given, target = self._by_id(row, self.clients)
        if not given:
            target = self.client_by_name.get(name)
        elif target is not None and name != target.name and name in self.client_by_name:
            row.error("name", _("Another client company already has this name."))
        if name:
            self._once(row, ("client", name), "name")
        row.result.target = target
        self._diff(row, target, values)

    def check_departments(self, row: _Row) -> None:
        client = self._client(row)
        name = row.text("name", Department, "name")
        row.result.label = f"{client.name if client else row.cells.get('client', '')} {name}"
        given, target = self._by_id(row, self.departments)
        if not given and client is not None:
            target = self._department(client, name)
        if client is not None and name:
            self._once(row, ("department", str(client.pk), name), "name")
        row.result.target = target
        if client is not None:
            self._diff(row, target, {"client": client, "name": name})

    def check_contacts(self, row: _Row) -> None:
        client = self._client(row)
        name = row.text("name", ClientContact, "name")
        row.result.label = f"{client.name if client else row.cells.get('client', '')} {name}"
        department = None
        department_name = row.text("department", Department, "name")
        if department_name and client is not None:
            department = self._department(client, department_name)
            if department is None:
                row.error(
                    "department",
                    _("No department “%(name)s” at this client. Import the departments first.")
                    % {"name": department_name},
                )
        values = {
            "client": client,
            "name": name,
            "department": department,
            "title": row.text("title", ClientContact, "title"),
            "role": row.choice("role", ContactRole, ContactRole.OTHER),
            "since": row.day("since"),
            "email": row.email("email"),
            "phone": row.text("phone", ClientContact, "phone"),
        }
        given, target = self._by_id(row, self.contacts)
        if not given and client is not None:
            matches = self.index("contacts", lambda c: (c.client_id, c.name)).get(
                (client.pk, name), []
            )
            if len(matches) > 1:
                row.error("name", _("Several records match; give the ID to choose one."))
            target = matches[0] if len(matches) == 1 else None
        if client is not None and name:
            self._once(row, ("contact", str(client.pk), name), "name")
        row.result.target = target
        if client is not None:
            self._diff(row, target, values)

    def check_workers(self, row: _Row) -> None:
        name = row.text("name", Worker, "name")
        kana = row.text("kana", Worker, "kana")
        row.result.label = f"{name} ({kana})" if kana else name
        values = {
            "name": name,
            "kana": kana,
            "employment": row.choice("employment", Employment, Employment.DISPATCHED),
            "active": row.flag("active"),
        }
        given, target = self._by_id(row, self.workers)
        if not given:
            matches = self.index("workers", lambda w: (w.name, w.kana)).get((name, kana), [])
            if len(matches) > 1:
                row.error("name", _("Several records match; give the ID to choose one."))
            target = matches[0] if len(matches) == 1 else None
        if name:
            self._once(row, ("worker", name, kana), "name")
        row.result.target = target
        self._diff(row, target, values)


def build_preview(kind: str, table: Sequence[Sequence[str]], organisation: Organisation) -> Preview:
    """Check every row of ``table`` (row 1 = column names) without writing anything."""
    from django.utils.translation import get_language

    lang = "en" if (get_language() or "ja").startswith("en") else "ja"
    columns = COLUMNS[RecordKind(kind)]
    preview = Preview(kind=kind, columns=list(columns), rows=[])
    if not table or not any(table[0]):
        preview.file_errors.append(_("The first row must hold the column names."))
        return preview
    by_name = {name: column for column in columns for name in column.names()}
    positions: dict[str, int] = {}
    for index, header in enumerate(table[0]):
        column = by_name.get(_norm_header(header))
        if column is None:
            if header:
                preview.ignored_columns.append(header)
            continue
        if column.key in positions:
            preview.file_errors.append(
                _("The column “%(column)s” appears twice.") % {"column": header}
            )
        positions[column.key] = index
    for column in columns:
        if column.required and column.key not in positions:
            preview.file_errors.append(
                _("The column “%(column)s” is missing.") % {"column": column.header(lang)}
            )
    data_rows = [(n, row) for n, row in enumerate(table[1:], start=2) if any(row)]
    if len(data_rows) > MAX_IMPORT_ROWS:
        preview.file_errors.append(
            _("Too many rows: at most %(limit)s per file.") % {"limit": MAX_IMPORT_ROWS}
        )
    if not data_rows and not preview.file_errors:
        preview.file_errors.append(_("The file has no data rows."))
    if preview.file_errors:
        return preview
    checker = _Checker(kind, organisation)
    known = {column.key: column for column in columns}
    for number, cells in data_rows:
        values = {key: (cells[i] if i < len(cells) else "") for key, i in positions.items()}
        row = _Row(number, values, known, lang)
        checker.check(row)
        preview.rows.append(row.result)
    return preview


@dataclass(frozen=True)
class ImportSummary:
    kind: str
    created: int
    updated: int
    unchanged: int


class ImportRejected(Exception):
    """The rows no longer pass the checks (the data changed since the preview)."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        super().__init__("import rejected")


def do_import_records(
    *, actor: Any, kind: str, table: Sequence[Sequence[str]], file_name: str, sha256: str
) -> ImportSummary:
    """Write every row or none; one RECORDS_IMPORTED audit row with the counts."""
    organisation = actor.organisation
    if organisation is None:
        raise ValueError("actor has no organisation")
    with transaction.atomic():
        # One import at a time per tenant: the checks must still hold when we write.
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        preview = build_preview(kind, table, organisation)
        if not preview.ok:
            raise ImportRejected(preview)
        for row in preview.rows:
            _apply(kind, organisation, row)
        summary = ImportSummary(
            kind=kind,
            created=preview.count("create"),
            updated=preview.count("update"),
            unchanged=preview.count("unchanged"),
        )
        record_event(
            actor=actor,
            event_type=EventType.RECORDS_IMPORTED,
            organisation_id=organisation.pk,
            data={
                "kind": kind,
                "file": file_name[:200],
                "sha256": sha256,
                "rows": len(preview.rows),
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
            },
        )
    return summary


def _apply(kind: str, organisation: Organisation, row: RowResult) -> None:
    if row.action == "unchanged":
        return
    if row.target is not None:
        for name, value in row.changes.items():
            setattr(row.target, name, value)
        row.target.save(update_fields=list(row.changes))
        return
    model: Any = {
        RecordKind.CLIENTS: ClientCompany,
        RecordKind.DEPARTMENTS: Department,
        RecordKind.CONTACTS: ClientContact,
        RecordKind.WORKERS: Worker,
    }[RecordKind(kind)]
    extra: dict[str, Any] = {}
    if model in (ClientCompany, Worker):
        extra["organisation"] = organisation
    model.objects.create(**row.changes, **extra)


# --- exporting -----------------------------------------------------------------------


def export_rows(kind: str, organisation: Organisation, lang: str) -> list[list[Any]]:
    """Header row and data rows of ``kind``, in the file format the import reads."""
    columns = COLUMNS[RecordKind(kind)]
    rows: list[list[Any]] = [[column.header(lang) for column in columns]]
    records: Iterable[Any]
    if kind == RecordKind.CLIENTS:
        records = ClientCompany.objects.filter(organisation=organisation).order_by("name", "id")
        rows += [[c.pk, c.name, c.industry, c.notes] for c in records]
    elif kind == RecordKind.DEPARTMENTS:
        records = (
            Department.objects.filter(client__organisation=organisation)
            .select_related("client")
            .order_by("client__name", "name", "id")
        )
        rows += [[d.pk, d.client.name, d.name] for d in records]
    elif kind == RecordKind.CONTACTS:
        records = (
            ClientContact.objects.filter(client__organisation=organisation)
            .select_related("client", "department")
            .order_by("client__name", "name", "id")
        )
        rows += [
            [
                c.pk,
                c.client.name,
                c.name,
                c.department.name if c.department else "",
                c.title,
                _choice_label(ContactRole, c.role, lang),
                c.since,
                c.email,
                c.phone,
            ]
            for c in records
        ]
    else:
        records = Worker.objects.filter(organisation=organisation).order_by("kana", "name", "id")
        rows += [
            [w.pk, w.name, w.kana, _choice_label(Employment, w.employment, lang), int(w.active)]
            for w in records
        ]
    return rows


def render_csv(rows: Sequence[Sequence[Any]]) -> bytes:
    """UTF-8 with BOM and CRLF: what Excel in Japan opens without garbling."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def render_xlsx(rows: Sequence[Sequence[Any]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = title[:31]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                # Text stays text: a name starting with "=" must never become a formula.
                cell.data_type = "s"
            if r == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    content: bytes


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def do_export_records(*, actor: Any, kind: str, fmt: str, lang: str) -> ExportFile:
    """Export ``kind`` of the actor's organisation; audited, as it holds personal data."""
    organisation = actor.organisation
    if organisation is None:
        raise ValueError("actor has no organisation")
    rows = export_rows(kind, organisation, lang)
    content = render_csv(rows) if fmt == "csv" else render_xlsx(rows, kind)
    with transaction.atomic():
        record_event(
            actor=actor,
            event_type=EventType.EXPORTED,
            organisation_id=organisation.pk,
            data={"kind": kind, "format": fmt, "rows": len(rows) - 1},
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return ExportFile(f"mamori-{kind}-{stamp}.{fmt}", CONTENT_TYPES[fmt], content)
