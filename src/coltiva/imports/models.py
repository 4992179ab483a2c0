"""Imports of contact files, what each row became (so an import can be undone), possible
duplicates waiting for the user's decision, and photos read from vCards.

Every row belongs to one user's book; ``coltiva.imports.access`` is the only way a view
reaches them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

FORMAT_LABELS = {
    "vcard": _("vCard"),
    "linkedin": _("LinkedIn connections"),
    "google": _("Google Contacts CSV"),
    "outlook": _("Outlook CSV"),
    "thunderbird": _("Thunderbird CSV"),
    "csv": _("Spreadsheet (CSV)"),
    "json": _("Coltiva export (JSON)"),
}


class ImportJob(models.Model):
    """One file brought into a book: previewed, then run as a background task."""

    PREVIEW = "preview"
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    UNDONE = "undone"
    UNDOING = "undoing"
    STATUS_CHOICES = [
        (PREVIEW, _("Waiting for your confirmation")),
        (QUEUED, _("Waiting to start")),
        (RUNNING, _("Importing")),
        (DONE, _("Imported")),
        (FAILED, _("Failed: nothing was imported")),
        (UNDONE, _("Undone")),
        (UNDOING, _("Undoing")),
    ]

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    filename = models.CharField(_("file"), max_length=255)
    fmt = models.CharField(_("format"), max_length=16)
    mapping = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PREVIEW)
    # The uploaded bytes wait here (relative to MEDIA_ROOT) until the import has run.
    stored_file = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=dict, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    merged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    duplicates_found = models.PositiveIntegerField(default=0)
    # Why the import failed: a reason {"code", "params"} put into words when shown
    # (``coltiva.imports.reasons``); ``error`` holds the text of jobs from before codes.
    error_reason = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    # Events a restored backup created: undoing the restore removes them too.
    restored_events = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    # What undoing the import kept, and why: [{"person", "name", "reasons": {code: n}}].
    undo_kept = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"], name="importjob_owner_created")]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def format_label(self) -> str:
        return str(FORMAT_LABELS.get(self.fmt, self.fmt))

    @property
    def is_active(self) -> bool:
        return self.status in (self.QUEUED, self.RUNNING, self.UNDOING)


class ImportRow(models.Model):
    """What one row (or card) of a file became, with what undoing it needs."""

    CREATED = "created"
    MERGED = "merged"
    SKIPPED = "skipped"
    OUTCOME_CHOICES = [
        (CREATED, _("Created")),
        (MERGED, _("Merged")),
        (SKIPPED, _("Skipped")),
    ]

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    row = models.PositiveIntegerField()
    outcome = models.CharField(max_length=8, choices=OUTCOME_CHOICES)
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=300, blank=True)
    # Why: a list of reasons {"code", "params"} put into words when shown; ``reason``
    # holds the text of rows imported before reasons were codes.
    reasons = models.JSONField(default=list, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    # For a merge into a person who was in the book before: the fields filled (old and
    # new value), contact points and tag links added, and whether a photo was added.
    undo = models.JSONField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["job", "outcome", "row"], name="importrow_job_outcome")]
        ordering = ["row", "id"]

    def __str__(self) -> str:
        return f"{self.row}: {self.outcome}"


class DuplicatePair(models.Model):
    """Two people who may be the same, found by name and company or by a shared phone
    or e-mail; the user merges them or marks them as different (which is remembered)."""

    OPEN = "open"
    DIFFERENT = "different"
    STATUS_CHOICES = [(OPEN, _("To review")), (DIFFERENT, _("Different people"))]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # Always person_a.pk < person_b.pk, so a pair is stored once.
    person_a = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(default=0)
    reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=OPEN)
    job = models.ForeignKey(
        ImportJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicatepair_unique"),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="duplicatepair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["owner", "status", "-score"], name="duplicatepair_open")]
        ordering = ["-score", "id"]

    def __str__(self) -> str:
        return f"{self.person_a_id}~{self.person_b_id} ({self.status})"


class PersonPhoto(models.Model):
    """A person's photo as read from a vCard (the person model has no photo field yet)."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="imported_photo"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    data = models.BinaryField()
    mime = models.CharField(max_length=40, default="image/jpeg")

    def __str__(self) -> str:
        return f"photo of {self.person_id}"


class PersonMerge(models.Model):
    """A merge done on the possible-duplicates page, with what undoing it needs; it can be
    undone while neither person has changed since (``coltiva.people.merge.can_unmerge``)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    survivor = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="merges_absorbed"
    )
    other_id = models.PositiveIntegerField()
    other_name = models.CharField(max_length=300)
    # The pair the merge settled, given back to review when the merge is undone.
    score = models.PositiveSmallIntegerField(default=0)
    reason = models.CharField(max_length=300, blank=True)
    trace = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"], name="personmerge_owner")]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.other_name} -> {self.survivor_id}"
