"""Policy pages: the public page, the staff page, the editor, the history and the PDF.

Views stay short: ``access`` decides who may do what (404 otherwise), forms
validate, actions change state.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mamori.accounts.http import AuthenticatedRequest
from mamori.orgs.models import Organisation
from mamori.policy import actions
from mamori.policy.access import (
    PolicyAction,
    access_version_by_number,
    can_edit_policy,
    can_review_policy,
    policy_of,
)
from mamori.policy.diff import diff_texts
from mamori.policy.forms import AcknowledgeForm, PolicyTextForm, SectionFormSet, section_initial
from mamori.policy.models import Acknowledgement, Policy, PolicyVersion
from mamori.policy.render import clauses, render_policy_pdf
from mamori.policy.status import acknowledgement_figures
from mamori.render import RenderError


def _lang() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def _roles(request: AuthenticatedRequest) -> dict[str, bool]:
    """What the policy sub-navigation offers this user."""
    return {
        "can_edit": can_edit_policy(request.user),
        "can_review": can_review_policy(request.user),
    }


def _company(organisation: Organisation, lang: str) -> str:
    return (organisation.name_en or organisation.name) if lang == "en" else organisation.name


def public(request: HttpRequest, slug: str) -> HttpResponse:
    """The published policy for customers and anyone else; no login, Japanese unless ?lang=en."""
    organisation = get_object_or_404(Organisation, slug=slug)
    policy = Policy.objects.filter(organisation=organisation).first()
    version = policy.current_version() if policy is not None else None
    if version is None:
        raise Http404
    lang = "en" if request.GET.get("lang") == "en" else "ja"
    with translation.override(lang):
        response = render(
            request,
            "policy/public.html",
            {
                "organisation": organisation,
                "company": _company(organisation, lang),
                "version": version,
                "title": version.text().title(lang),
                "clauses": clauses(version, lang),
                "lang": lang,
            },
        )
    response["Content-Language"] = lang
    return response


@login_required
def internal(request: AuthenticatedRequest) -> HttpResponse:
    """The published policy for staff, with the acknowledgement button and, for HR, the figures."""
    policy = policy_of(request.user)
    version = policy.current_version() if policy is not None else None
    lang = _lang()
    context: dict[str, Any] = {
        "policy": policy,
        "version": version,
        "organisation": request.user.organisation,
        **_roles(request),
    }
    if version is not None:
        context.update(
            title=version.text().title(lang),
            clauses=clauses(version, lang),
            acknowledgement=Acknowledgement.objects.filter(
                version=version, user=request.user
            ).first(),
            figures=acknowledgement_figures(version) if can_review_policy(request.user) else None,
        )
    if policy is not None and can_review_policy(request.user):
        latest = policy.latest_version()
        context["draft"] = (
            latest
            if latest is not None and (version is None or latest.number > version.number)
            else None
        )
    return render(request, "policy/internal.html", context)


@login_required
@require_POST
def acknowledge(request: AuthenticatedRequest) -> HttpResponse:
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        raise Http404
    version = access_version_by_number(request.user, form.cleaned_data["version"])
    try:
        actions.do_acknowledge(actor=request.user, version=version)
    except actions.PolicyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you. Your acknowledgement has been recorded."))
    return redirect("policy:internal")


@login_required
@require_POST
def start(request: AuthenticatedRequest) -> HttpResponse:
    policy_of(request.user, PolicyAction.EDIT)
    try:
        actions.do_start_policy(actor=request.user)
    except actions.PolicyError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("A first draft was created from the template. Adapt it to your company.")
        )
    return redirect("policy:edit")


@login_required
def edit(request: AuthenticatedRequest) -> HttpResponse:
    policy = policy_of(request.user, PolicyAction.EDIT)
    latest = policy.latest_version() if policy is not None else None
    if policy is None or latest is None:
        return render(request, "policy/start.html", _roles(request))
    source = latest
    if request.GET.get("from"):
        source = access_version_by_number(
            request.user, _number(request.GET["from"]), PolicyAction.EDIT
        )
    text = source.text()
    form = PolicyTextForm(
        request.POST or None,
        initial={"title_ja": text.title_ja, "title_en": text.title_en, "base": latest.number},
    )
    sections = SectionFormSet(
        request.POST or None, initial=section_initial(text.sections), prefix="section"
    )
    if request.method == "POST" and form.is_valid() and sections.is_valid():
        data = form.cleaned_data
        try:
            version = actions.do_save_draft(
                actor=request.user,
                policy=policy,
                base_number=data["base"],
                title_ja=data["title_ja"],
                title_en=data["title_en"],
                sections=sections.sections(),
                note=data["note"],
            )
        except actions.PolicyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Saved as version %(number)s (draft). Review the changes, then publish it.")
                % {"number": version.number},
            )
            return redirect(version)
    return render(
        request,
        "policy/edit.html",
        {
            "form": form,
            "sections": sections,
            "source": source,
            "next_number": latest.number + 1,
            "label_names": _category_names(_lang()),
            **_roles(request),
        },
    )


def _number(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise Http404 from None


@login_required
def versions(request: AuthenticatedRequest) -> HttpResponse:
    policy = policy_of(request.user, PolicyAction.REVIEW)
    rows = (
        list(policy.versions.select_related("created_by", "published_by").order_by("-number"))
        if policy is not None
        else []
    )
    current = policy.current_version() if policy is not None else None
    current_number = current.number if current is not None else None
    return render(
        request,
        "policy/versions.html",
        {
            "policy": policy,
            "rows": [(v, v.state(current_number)) for v in rows],
            **_roles(request),
        },
    )


@login_required
def version_detail(request: AuthenticatedRequest, number: int) -> HttpResponse:
    version = access_version_by_number(request.user, number, PolicyAction.REVIEW)
    policy = version.policy
    against_number = _number(request.GET["against"]) if request.GET.get("against") else number - 1
    against: PolicyVersion | None = None
    if against_number >= 1:
        against = access_version_by_number(request.user, against_number, PolicyAction.REVIEW)
    current = policy.current_version()
    lang = _lang()
    return render(
        request,
        "policy/version.html",
        {
            "version": version,
            "against": against,
            "diff": diff_texts(against.text() if against is not None else None, version.text()),
            "state": version.state(current.number if current is not None else None),
            "can_publish": can_edit_policy(request.user)
            and not version.is_published
            and (current is None or current.number < version.number),
            "title": version.text().title(lang),
            "clauses": clauses(version, lang),
            "others": policy.versions.exclude(pk=version.pk)
            .order_by("-number")
            .values_list("number", flat=True),
            "label_names": _category_names(lang),
            **_roles(request),
        },
    )


def _category_names(lang: str) -> dict[str, str]:
    from mamori.triage import CATEGORIES, label_name

    return {c: label_name(c, lang) for c in CATEGORIES}


@login_required
@require_POST
def publish(request: AuthenticatedRequest, number: int) -> HttpResponse:
    version = access_version_by_number(request.user, number, PolicyAction.EDIT)
    try:
        actions.do_publish(actor=request.user, version=version)
    except actions.PolicyError as error:
        messages.error(request, str(error))
        return redirect(version)
    messages.success(
        request,
        _("Version %(number)s is published. Staff are asked to acknowledge it.")
        % {"number": version.number},
    )
    return redirect("policy:internal")


@login_required
def version_pdf(request: AuthenticatedRequest, number: int) -> HttpResponse:
    """A version as an A4 PDF; staff get published versions, reviewers also drafts."""
    version = access_version_by_number(request.user, number)
    lang = request.GET.get("lang") or _lang()
    lang = "en" if lang == "en" else "ja"
    try:
        pdf = render_policy_pdf(version, lang)
    except RenderError as error:
        message = error.message_en if _lang() == "en" else error.message_ja
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"policy-{version.policy.organisation.slug}-v{version.number}-{lang}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
