"""Import reasons in words: the one catalogue from a reason's code to a sentence in the
active language, used by the import pages, the report and ``coltiva import``.

Readers, the planner and the import service say why with a ``Reason`` (a code and its
parameters); jobs and report rows store it as JSON, so a report reads in the language
of whoever opens it. Text stored before reasons were codes is shown as it was written.

To add a reason: raise or return ``Reason("new_code", {...})`` with the code written as a
literal, add the code here with its sentence, and its Italian translation to
``locale/it/LC_MESSAGES/django.po``; ``tests/imports/test_imports_reasons.py`` fails
until all three are there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from coltiva import display
from coltiva.imports.models import FORMAT_LABELS
from coltiva.interchange import Reason
from coltiva.people.merge import label_of

log = logging.getLogger(__name__)

# Each code's sentence, with named placeholders for its parameters. Refusals of a whole
# file are sentences ending with a full stop; a row's reasons are phrases, joined by "; ".
CATALOGUE: dict[str, Promise] = {
    # --- a whole file refused (interchange.detect, readers) ---
    "file_empty": gettext_lazy("The file is empty."),
    "file_is_pdf": gettext_lazy("This is a PDF document, not a contact file."),
    "file_is_zip": gettext_lazy(
        "This is a ZIP archive or an Excel workbook: extract the CSV file "
        "(or save the sheet as CSV) and upload that."
    ),
    "file_is_old_office": gettext_lazy(
        "This is an old Office file: save it as CSV and upload that."
    ),
    "file_is_image": gettext_lazy("This is an image, not a contact file."),
    "file_is_gzip": gettext_lazy(
        "This is a compressed (gzip) file: decompress it and upload the contents."
    ),
    "file_is_database": gettext_lazy("This is a database file, not a contact export."),
    "file_is_binary": gettext_lazy(
        "The file is not text: it looks like binary data, not a contact export."
    ),
    "file_is_calendar": gettext_lazy("This is a calendar file (iCalendar), not a contact file."),
    "file_is_excel": gettext_lazy(
        "This is an Excel workbook: save the sheet as CSV and upload that."
    ),
    "file_is_numbers": gettext_lazy(
        "This is a Numbers document: export it as CSV and upload that."
    ),
    "vcard_name_without_vcard": gettext_lazy(
        "The file is named %(extension)s but holds no vCard (no BEGIN:VCARD line)."
    ),
    "not_contacts": gettext_lazy(
        "This is not a contact file: it holds neither vCards nor contact columns."
    ),
    "json_not_coltiva": gettext_lazy("This JSON file is not a Coltiva export."),
    "vcard_cut_short": gettext_lazy("The vCard file is cut short: no card ends with END:VCARD."),
    "header_only": gettext_lazy("The file has a header row but no contacts (read as %(format)s)."),
    "header_not_found": gettext_lazy(
        "The header row of a %(format)s file was not found in the first %(lines)s lines."
    ),
    "mapped_header_not_found": gettext_lazy(
        "No header row holding the chosen columns was found in the first %(lines)s lines."
    ),
    "no_rows": gettext_lazy("The file holds no rows."),
    "no_column_matched": gettext_lazy(
        "No column could be matched to a contact field: choose the columns by hand."
    ),
    "no_column_chosen": gettext_lazy("No column was given a contact field: choose at least one."),
    # --- a whole file refused (the import service's own checks) ---
    "file_too_large": gettext_lazy(
        "The file is %(size)s MB; the largest file an import accepts is %(limit)s MB."
    ),
    "file_over_limit": gettext_lazy(
        "The file is larger than %(limit)s MB, the largest file an import accepts."
    ),
    "too_many_columns": gettext_lazy(
        "The file has %(columns)s columns; an import reads at most %(limit)s: "
        "remove the columns you do not need."
    ),
    "unknown_format": gettext_lazy("Unknown format %(format)s."),
    "format_mismatch": gettext_lazy(
        "This file looks like %(found)s, not %(chosen)s: let Coltiva find the format."
    ),
    "too_many_rows": gettext_lazy(
        "The file holds more than %(limit)s contacts: split it into smaller files."
    ),
    "file_not_read": gettext_lazy("The file could not be read as %(format)s."),
    "no_contacts_found": gettext_lazy("No contacts were found in the file (read as %(format)s)."),
    "upload_gone": gettext_lazy("The uploaded file is no longer here: upload it again."),
    "import_interrupted": gettext_lazy("The import stopped unexpectedly; nothing was saved."),
    "import_crashed": gettext_lazy(
        "The import stopped on an unexpected error (%(error)s); nothing was imported."
    ),
    # --- an undo cut off (imports.stale): the import stays, undoing again finishes it ---
    "undo_interrupted": gettext_lazy(
        "The undo stopped unexpectedly before the end: undo again to finish it."
    ),
    # --- a Coltiva export refused (imports.restore) ---
    "export_not_utf8": gettext_lazy("The JSON file is not UTF-8 text."),
    "export_damaged_json": gettext_lazy("The JSON file is damaged or cut short."),
    "export_too_deep": gettext_lazy(
        "The JSON file is nested more than %(limit)s levels deep: it is not a Coltiva export."
    ),
    "export_version": gettext_lazy(
        "This export uses format %(version)s; this Coltiva reads format %(ours)s."
    ),
    "export_not_a_list": gettext_lazy("The export is damaged: “%(name)s” is not a list of rows."),
    "export_into_full_account": gettext_lazy(
        "A Coltiva export can only be restored into an empty account, and this one already "
        "has people or events."
    ),
    "export_damaged_value": gettext_lazy("The export is damaged at %(where)s: %(detail)s."),
    "export_photo_not_base64": gettext_lazy(
        "The export is damaged: the photo of %(name)s is not base64."
    ),
    # --- a row or card skipped ---
    "nothing_to_import": gettext_lazy("No name, e-mail, phone or link"),
    "only_connection_date": gettext_lazy(
        "No name, e-mail, phone or link: only a connection date (the profile is hidden or deleted)"
    ),
    "row_malformed": gettext_lazy("The row could not be read (a stray quote or a broken line)"),
    "row_cell_too_long": gettext_lazy("The row could not be read: a cell is far too long"),
    "too_many_malformed_rows": gettext_lazy(
        "Reading stopped here: too many rows could not be read"
    ),
    "card_not_ended": gettext_lazy("The card has no END:VCARD line"),
    "card_cut_short": gettext_lazy("The card is cut short: the file ends before END:VCARD"),
    "card_damaged": gettext_lazy("The card is damaged (line %(line)s is not a vCard property)"),
    # --- a value left out of a row that was imported ---
    "email_not_valid": gettext_lazy("Ignored “%(value)s”: not an e-mail address"),
    "phone_without_digits": gettext_lazy("Ignored the phone “%(value)s”: it has no digits"),
    "link_not_valid": gettext_lazy("Ignored the link “%(value)s”: not a web address"),
    "photo_not_base64": gettext_lazy("Ignored a photo that is not valid base64"),
    "photo_too_large": gettext_lazy("Photo left out: larger than %(megabytes)s MB"),
    "field_cut": gettext_lazy("%(field)s cut to %(limit)s characters"),
    "emails_left_out": gettext_lazy(
        "Some e-mail addresses were too long or too many and were left out"
    ),
    "phones_left_out": gettext_lazy("Some phones were too long or too many and were left out"),
    "links_left_out": gettext_lazy("Some links were too long or too many and were left out"),
    "connection_date_not_understood": gettext_lazy("Connection date “%(value)s” not understood"),
    "birthday_not_understood": gettext_lazy("Birthday “%(value)s” not understood"),
    "property_too_long": gettext_lazy("%(property)s left out: it is longer than the line limit"),
    "card_lines_unreadable": ngettext_lazy(
        "%(count)s unreadable line, at line %(line)s",
        "%(count)s unreadable lines, the first at line %(line)s",
        "count",
    ),
    # --- a row merged (imports.planner, imports.writer) ---
    "same_email_earlier_row": gettext_lazy("Same e-mail as an earlier row (%(name)s)"),
    "same_phone_earlier_row": gettext_lazy("Same phone as an earlier row (%(name)s)"),
    "same_link_earlier_row": gettext_lazy("Same profile link as an earlier row (%(name)s)"),
    "same_email_in_book": gettext_lazy("Same e-mail as %(name)s in your book"),
    "same_phone_in_book": gettext_lazy("Same phone as %(name)s in your book"),
    "same_link_in_book": gettext_lazy("Same profile link as %(name)s in your book"),
    "rows_same_email_earlier_row": gettext_lazy("Same e-mail as an earlier row of the file"),
    "rows_same_phone_earlier_row": gettext_lazy("Same phone as an earlier row of the file"),
    "rows_same_link_earlier_row": gettext_lazy("Same profile link as an earlier row of the file"),
    "rows_same_email_in_book": gettext_lazy("Same e-mail as someone in your book"),
    "rows_same_phone_in_book": gettext_lazy("Same phone as someone in your book"),
    "rows_same_link_in_book": gettext_lazy("Same profile link as someone in your book"),
    "merge_added": gettext_lazy("added: %(added)s"),
    "merge_added_nothing": gettext_lazy("nothing new"),
}

_FORMAT_PARAMS = frozenset({"format", "found", "chosen"})
# Written the user's way ("20.000" in Italian); a plural's "count" stays a number.
_NUMBER_PARAMS = frozenset({"limit", "lines", "size", "megabytes", "columns"})
_POINT_WORDS: dict[str, Callable[[int], str]] = {
    "email": lambda n: ngettext("%(n)d e-mail", "%(n)d e-mails", n),
    "phone": lambda n: ngettext("%(n)d phone", "%(n)d phones", n),
    "url": lambda n: ngettext("%(n)d link", "%(n)d links", n),
}


def sentence(reason: Reason) -> str:
    """The reason in the active language."""
    template = CATALOGUE.get(reason.code)
    if template is None:
        # A code added without its entry (the catalogue test catches it): say something.
        log.warning("import reason %s has no sentence", reason.code)
        return _("The file could not be read (%(code)s).") % {"code": reason.code}
    params = {key: _param(key, value) for key, value in reason.params.items()}
    try:
        # ``%`` on the lazy string itself, so a plural entry picks its form from the count.
        return str(template % params)
    except (KeyError, TypeError, ValueError):
        log.warning("import reason %s has parameters its sentence does not take", reason.code)
        return str(template)


def sentences(reasons: Iterable[Reason]) -> str:
    return "; ".join(sentence(reason) for reason in reasons)


def stored_sentence(value: Any, legacy: str = "") -> str:
    """A stored reason (JSON of one ``Reason``, or a list of them) in words; ``legacy``
    is the text stored before reasons were codes, shown as written."""
    if isinstance(value, Mapping) and "code" in value:
        return sentence(Reason.from_json(value))
    if isinstance(value, list) and value:
        return sentences(Reason.from_json(item) for item in value if isinstance(item, Mapping))
    if isinstance(value, str):
        return value
    return legacy


def refusal(error: Exception) -> str:
    """What to show for an ``UnreadableFile`` (or any error that carries a reason)."""
    reason = getattr(error, "reason", None)
    return sentence(reason) if isinstance(reason, Reason) else str(error)


def _param(key: str, value: Any) -> Any:
    if key in _FORMAT_PARAMS:
        return str(FORMAT_LABELS.get(str(value), value))
    if key == "field":
        return _field_label(str(value))
    if key == "added":
        return ", ".join(_added_word(token) for token in str(value).split(",") if token)
    if key in _NUMBER_PARAMS:
        return _number(value)
    return value


def _number(value: Any) -> str:
    try:
        return display.number(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def _field_label(name: str) -> str:
    try:
        label = label_of(name)
    except FieldDoesNotExist:
        label = name.replace("_", " ")
    return label[:1].upper() + label[1:]


def _added_word(token: str) -> str:
    """One thing a merge added: a field's name, "photo", or "email:2"."""
    kind, _sep, count = token.partition(":")
    if kind in _POINT_WORDS and count.isdigit():
        return _POINT_WORDS[kind](int(count)) % {"n": int(count)}
    if kind == "photo":
        return _("photo")
    try:
        return label_of(kind)
    except FieldDoesNotExist:
        return kind
