"""Import and export pages: thin views over ``coltiva.imports.services``.

Upload -> (columns, for a generic CSV) -> preview -> confirm -> progress (htmx polling)
-> report; possible duplicates; export downloads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coltiva.accounts import audit
from coltiva.accounts.access import user_of
from coltiva.edge.http import is_htmx
from coltiva.imports import duplicates, exports, progress, reasons, services, stale, tasks, undo
from coltiva.imports.access import get_job_for_user, get_merge_for_user, get_pair_for_user
from coltiva.imports.forms import EXPORT_CHOICES, ColumnsForm, KeepForm, UploadForm
from coltiva.imports.models import ImportJob, ImportRow
from coltiva.interchange import UnreadableFile

RECENT_JOBS = 10
REPORT_PAGE = 100
OUTCOMES = [ImportRow.CREATED, ImportRow.MERGED, ImportRow.SKIPPED]
# Why undoing an import kept a person it had created (codes from ``undo.reasons_to_keep``).
KEPT_WORDS: dict[str, Callable[[int], str]] = {
    "before": lambda n: _("was in your book before this import"),
    "merged": lambda n: ngettext(
        "you merged someone into them", "you merged %(n)s people into them", n
    ),
    "edited": lambda n: _("you edited them after the import"),
    "touches": lambda n: ngettext("%(n)s touch logged", "%(n)s touches logged", n),
    "referrals": lambda n: ngettext("%(n)s referral", "%(n)s referrals", n),
    "introductions": lambda n: ngettext("%(n)s introduction", "%(n)s introductions", n),
    "plans": lambda n: ngettext("%(n)s plan", "%(n)s plans", n),
    "links": lambda n: ngettext("%(n)s connection", "%(n)s connections", n),
    "groups": lambda n: _("linked to a group"),
    "other": lambda n: _("other things made by hand"),
}


def kept_sentences(kept: list[dict[str, Any]]) -> list[tuple[int, str, list[str]]]:
    return [
        (
            item["person"],
            item["name"],
            [
                KEPT_WORDS.get(code, KEPT_WORDS["other"])(n) % {"n": n}
                for code, n in item["reasons"].items()
            ],
        )
        for item in kept
    ]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    stale.recover(user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = services.read_bounded(upload)
            job = services.start(user, data, upload.name, form.cleaned_data["fmt"])
        except UnreadableFile as error:
            form.add_error("file", reasons.refusal(error))
        else:
            if job.fmt == "csv":
                return redirect("imports:columns", pk=job.pk)
            return redirect("imports:job", pk=job.pk)
    context = {
        "form": form,
        "jobs": ImportJob.objects.filter(owner=user).order_by("-created_at", "-id")[:RECENT_JOBS],
        "undoable": undo.undoable(user),
        "open_pairs": duplicates.open_pairs(user).count(),
        "export_choices": EXPORT_CHOICES,
        "max_mb": settings.IMPORT_MAX_BYTES // (1024 * 1024),
        "nav": "imports",
    }
    return render(request, "imports/home.html", context)


@login_required
def columns(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(user_of(request), pk)
    if job.status != ImportJob.PREVIEW or job.fmt != "csv":
        return redirect("imports:job", pk=job.pk)
    found = job.preview.get("columns") or {}
    form = ColumnsForm(
        request.POST or None, header=found.get("header", []), mapping=job.mapping or {}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_mapping(job, form.mapping())
        except UnreadableFile as error:
            form.add_error(None, reasons.refusal(error))
        else:
            return redirect("imports:job", pk=job.pk)
    rows = found.get("rows", [])
    samples = [
        [row[index] for row in rows if index < len(row) and row[index].strip()][:3]
        for index in range(len(form.header))
    ]
    table = list(zip([form[f"col_{i}"] for i in range(len(form.header))], samples, strict=True))
    context = {"job": job, "form": form, "columns": table, "nav": "imports"}
    return render(request, "imports/columns.html", context)


@login_required
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One page per import: the preview, then the progress, then the report."""
    job = get_job_for_user(user_of(request), pk)
    stale.recover_job(job)
    if job.status == ImportJob.PREVIEW:
        if job.fmt == "csv" and not job.mapping:
            return redirect("imports:columns", pk=job.pk)
        return _preview(request, job)
    if job.is_active:
        context = {"job": job, "percent": progress.percent(progress.read(job.pk)), "nav": "imports"}
        return render(request, "imports/progress.html", context)
    return _report(request, job)


def _preview(request: HttpRequest, job: ImportJob) -> HttpResponse:
    found = job.preview
    groups = [
        (group["count"], reasons.stored_sentence(group.get("reason")))
        for group in found.get("groups", [])
    ]
    sample = [
        (row, reasons.stored_sentence(row.get("reasons"), row.get("reason", "")))
        for row in found.get("sample", [])
    ]
    context = {"job": job, "groups": groups, "sample": sample, "nav": "imports"}
    return render(request, "imports/preview.html", context)


def _report(request: HttpRequest, job: ImportJob) -> HttpResponse:
    outcome = request.GET.get("outcome", "")
    rows = job.rows.all().order_by("row", "id")
    if outcome in OUTCOMES:
        rows = rows.filter(outcome=outcome)
    page = Paginator(rows, REPORT_PAGE).get_page(request.GET.get("page"))
    last = undo.undoable(job.owner)
    context = {
        "job": job,
        "failure": reasons.stored_sentence(job.error_reason, job.error),
        "page": page,
        "rows": [(row, reasons.stored_sentence(row.reasons, row.reason)) for row in page],
        "outcome": outcome,
        "outcomes": ImportRow.OUTCOME_CHOICES,
        "can_undo": last is not None and last.pk == job.pk,
        "kept": kept_sentences(job.undo_kept),
        "nav": "imports",
    }
    return render(request, "imports/report.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(user_of(request), pk)
    if job.status == ImportJob.PREVIEW:
        tasks.confirm(job)
    return redirect("imports:job", pk=job.pk)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(user_of(request), pk)
    if services.cancel(job):
        messages.success(
            request, _("The import of %(file)s was cancelled.") % {"file": job.filename}
        )
        return redirect("imports:home")
    return redirect("imports:job", pk=job.pk)


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Try a failed import again from the same file, uploaded again."""
    job = get_job_for_user(user_of(request), pk)
    form = UploadForm({"fmt": job.fmt}, request.FILES)
    if job.status != ImportJob.FAILED:
        return redirect("imports:job", pk=job.pk)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            retried = services.retry(job, upload.read(), upload.name)
        except UnreadableFile as error:
            messages.error(request, reasons.refusal(error))
        else:
            return redirect("imports:job", pk=retried.pk)
    else:
        problems = [str(problem) for problem in form.errors.get("file") or []]
        messages.error(request, " ".join(problems) or _("Choose the file."))
    return redirect("imports:job", pk=job.pk)


@login_required
def progress_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(user_of(request), pk)
    stale.recover_job(job)
    response = render(
        request,
        "imports/_progress.html",
        {"job": job, "percent": progress.percent(progress.read(job.pk))},
    )
    if not job.is_active and is_htmx(request):
        response["HX-Redirect"] = reverse("imports:job", args=[job.pk])
    return response


@login_required
@require_POST
def undo_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the undo; the job's page shows its progress, then what was kept."""
    job = get_job_for_user(user_of(request), pk)
    try:
        undo.claim(job)
    except ValueError:
        messages.error(request, _("Only the last import can be undone."))
        return redirect("imports:job", pk=job.pk)
    tasks.run_undo.enqueue(job.pk)
    job.refresh_from_db()
    if job.status == ImportJob.UNDONE:  # a small undo, or a worker that runs at once
        messages.success(request, undone_message(job))
    return redirect("imports:job", pk=job.pk)


def undone_message(job: ImportJob) -> str:
    message = _("The import of %(file)s was undone.") % {"file": job.filename}
    kept = len(job.undo_kept)
    if kept:
        message += " " + ngettext(
            "%(n)s person it created was kept: see why below.",
            "%(n)s people it created were kept: see why below.",
            kept,
        ) % {"n": kept}
    return message


# --- Possible duplicates --------------------------------------------------------------------


@login_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    pairs = duplicates.open_pairs(user).prefetch_related(
        "person_a__contact_points", "person_b__contact_points"
    )
    page = Paginator(pairs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    items = [(pair, duplicates.REASONS.get(pair.reason, pair.reason)) for pair in page]
    context = {
        "page": page,
        "items": items,
        "merges": duplicates.undoable_merges(user),
        "nav": "imports",
    }
    return render(request, "imports/duplicates.html", context)


@login_required
@require_POST
def duplicate_scan(request: HttpRequest) -> HttpResponse:
    found = duplicates.scan_book(user_of(request))
    messages.success(
        request,
        ngettext(
            "%(n)s new possible duplicate found.", "%(n)s new possible duplicates found.", found
        )
        % {"n": found},
    )
    return redirect("imports:duplicates")


@login_required
def duplicate_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation (whose details stay, where the touches end up); POST
    merges."""
    pair = get_pair_for_user(user_of(request), pk)
    form = KeepForm(request.POST or request.GET)
    if not form.is_valid():
        raise Http404
    keep = form.cleaned_data["keep"]
    if request.method != "POST":
        pair = duplicates.open_pairs(pair.owner).get(pk=pair.pk)
        survivor, other = duplicates.sides(pair, keep)
        counted: Any = pair  # annotated by ``open_pairs``
        touches = {pair.person_a_id: counted.touches_a, pair.person_b_id: counted.touches_b}
        context = {
            "pair": pair,
            "keep": keep,
            "switch": "b" if keep == "a" else "a",
            "survivor": survivor,
            "other": other,
            "survivor_touches": touches[survivor.pk],
            "other_touches": touches[other.pk],
            "all_touches": counted.touches_a + counted.touches_b,
            "nav": "imports",
        }
        return render(request, "imports/merge_confirm.html", context)
    merge = duplicates.merge_pair(pair, keep)
    messages.success(
        request,
        _("Merged: everything is now with %(name)s. You can undo the merge below.")
        % {"name": merge.survivor.display_name},
    )
    return redirect("imports:duplicates")


@login_required
@require_POST
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    merge = get_merge_for_user(user_of(request), pk)
    try:
        other = duplicates.undo_merge(merge)
    except ValueError:
        messages.error(
            request,
            _("This merge can no longer be undone: %(name)s has changed since.")
            % {"name": merge.survivor.display_name},
        )
    else:
        messages.success(
            request,
            _("Merge undone: %(a)s and %(b)s are two people again.")
            % {"a": merge.survivor.display_name, "b": other.display_name},
        )
    return redirect("imports:duplicates")


@login_required
@require_POST
def duplicate_different(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_pair_for_user(user_of(request), pk)
    duplicates.mark_different(pair)
    messages.success(
        request,
        _("%(a)s and %(b)s are kept apart; they will not be suggested again.")
        % {"a": pair.person_a.display_name, "b": pair.person_b.display_name},
    )
    return redirect("imports:duplicates")


# --- Export --------------------------------------------------------------------------------


@login_required
def export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    user = user_of(request)
    audit.record(audit.EXPORT, user=user, request=request, detail={"format": fmt})
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in exports.export(user, fmt)),
        content_type=exports.CONTENT_TYPES[fmt],
    )
    name = exports.filename(fmt, user.local_today().isoformat())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
