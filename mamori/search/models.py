"""What full-text search and the dashboards read: one document per case, and file texts.

The rows here are derived data, rebuilt from the case at any time by
``mamori.search.index.index_case`` (and in bulk by ``mamori search_reindex``);
nothing in them is a record of its own, so they are not audited. The full-text
indexes themselves live outside the ORM: on SQLite two FTS5 tables
(``search_trigram``, ``search_grams``), on PostgreSQL a GIN index over the
stored grams of ``SearchText`` (see the ``0002`` to ``0004`` migrations).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One case as search and the dashboards see it: filter columns and current labels.

    Kept narrow on purpose (the text lives in :class:`SearchText`) so that the
    dashboards' scans over every case of an organisation stay small. Labels are
    the case's current labels (people's correction, else the engine's
    suggestion), denormalised so that filtering by them needs no JSON queries:
    ``categories`` and ``flags`` are ``|``-delimited (``|abuse|threat|``).
    """

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=24)
    status = models.CharField(max_length=16)
    client = models.ForeignKey(
        "orgs.ClientCompany", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        "orgs.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(
        null=True, blank=True, help_text="First outbound contact at or after opening."
    )
    verdict = models.CharField(max_length=32, blank=True)
    categories = models.CharField(max_length=500, blank=True)
    flags = models.CharField(max_length=500, blank=True)
    labels_confirmed = models.BooleanField(default=False)
    indexed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(fields=["organisation", "opened_at"], name="search_doc_org_opened"),
            models.Index(fields=["organisation", "status"], name="search_doc_org_status"),
        ]

    def __str__(self) -> str:
        return f"search document of case {self.case_id}"

    @property
    def category_list(self) -> list[str]:
        return [c for c in self.categories.split("|") if c]

    @property
    def flag_list(self) -> list[str]:
        return [f for f in self.flags.split("|") if f]


class SearchText(models.Model):
    """The searchable text of one case, NFKC-normalised, with where each part starts.

    ``sections`` lists ``[offset, kind, ref_id, extra]`` in body order, so a
    hit can say whether it is in the title, a timeline entry (and which) or a
    file. Parts are separated by a blank line so no match spans two parts.
    """

    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    body = models.TextField()
    sections = models.JSONField(default=list)
    # PostgreSQL only: the body's distinct unigrams, bigrams and trigrams,
    # space-separated (``gram_string``), under a GIN index that answers every
    # term. Stored, not computed in SQL, so a row check costs a split, not a
    # pass over the body.
    grams = models.TextField(_("grams"), blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self) -> str:
        return f"search text of case {self.document_id}"


class ExtractionStatus(models.TextChoices):
    OK = "ok", _("Text extracted")
    EMPTY = "empty", _("No text found")
    UNSUPPORTED = "unsupported", _("File type not searchable")
    FAILED = "failed", _("Extraction failed")


class EvidenceText(models.Model):
    """The text extracted from one evidence file (PDF, DOCX, XLSX, e-mail, plain text)."""

    evidence = models.OneToOneField(
        "cases.EvidenceFile",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="extracted_text",
    )
    status = models.CharField(max_length=16, choices=ExtractionStatus.choices)
    method = models.CharField(max_length=16, blank=True)
    text = models.TextField(blank=True)
    truncated = models.BooleanField(default=False)
    error = models.CharField(max_length=300, blank=True)
    extracted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("extracted file text")
        verbose_name_plural = _("extracted file texts")

    def __str__(self) -> str:
        return f"text of file {self.evidence_id} ({self.status})"
