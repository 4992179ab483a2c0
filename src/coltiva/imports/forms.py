from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coltiva.imports import conf

FORMAT_CHOICES = [
    ("auto", _("Find out from the file")),
    ("vcard", _("vCard (.vcf) from a phone, Apple, Google, Outlook, Thunderbird")),
    ("linkedin", _("LinkedIn connections (Connections.csv)")),
    ("google", _("Google Contacts CSV")),
    ("outlook", _("Outlook CSV")),
    ("thunderbird", _("Thunderbird CSV")),
    ("csv", _("Another spreadsheet (CSV): choose the columns")),
    ("json", _("A Coltiva export (JSON)")),
]

# What a column of a generic CSV can be; "phone:mobile" is a phone labelled "mobile".
COLUMN_CHOICES = [
    ("ignore", _("— leave out —")),
    ("display_name", _("Full name")),
    ("given_name", _("Given name")),
    ("middle_name", _("Middle name")),
    ("family_name", _("Family name")),
    ("company", _("Company")),
    ("job_title", _("Job title")),
    ("email", _("E-mail")),
    ("email:work", _("E-mail (work)")),
    ("email:home", _("E-mail (home)")),
    ("phone", _("Phone")),
    ("phone:mobile", _("Phone (mobile)")),
    ("phone:work", _("Phone (work)")),
    ("phone:home", _("Phone (home)")),
    ("url", _("Website")),
    ("linkedin", _("LinkedIn profile")),
    ("city", _("City")),
    ("country", _("Country")),
    ("birthday", _("Birthday")),
    ("connected_on", _("Connected on")),
    ("tags", _("Tags")),
    ("notes", _("Notes")),
]
EXPORT_CHOICES = [
    ("json", _("Everything (JSON): a full backup that Coltiva restores")),
    ("vcard", _("People as vCards: for a phone or another address book")),
    ("csv", _("People as a spreadsheet (CSV)")),
]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Contact file"))
    fmt = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="auto")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = conf.max_bytes()
        if upload.size > limit:
            raise ValidationError(
                _("The file is too large: an import accepts at most %(mb)s MB."),
                params={"mb": limit // (1024 * 1024)},
            )
        return upload


class ColumnsForm(forms.Form):
    """One choice per column of the file's header row."""

    def __init__(self, *args: Any, header: list[str], mapping: dict[str, str], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.header = header
        for index, cell in enumerate(header):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=cell or _("Column %(n)s") % {"n": index + 1},
                choices=COLUMN_CHOICES,
                initial=mapping.get(cell, "ignore"),
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(
            data.get(f"col_{i}") not in (None, "", "ignore") for i in range(len(self.header))
        ):
            raise ValidationError(_("Choose what at least one column holds."))
        return data

    def mapping(self) -> dict[str, str]:
        chosen = {}
        for index, cell in enumerate(self.header):
            spec = self.cleaned_data.get(f"col_{index}") or "ignore"
            if spec != "ignore" and cell and cell not in chosen:
                chosen[cell] = spec
        return chosen


class KeepForm(forms.Form):
    keep = forms.ChoiceField(choices=[("a", "a"), ("b", "b")])
