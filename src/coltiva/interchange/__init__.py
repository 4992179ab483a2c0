"""Reading and writing contact files (vCard, LinkedIn, Google, Outlook, Thunderbird, CSV).

Framework-free: plain bytes in, plain records out. Typical import::

    fmt = detect_format(data, filename)          # or UnreadableFile(reason)
    for item in read(data, fmt, mapping):        # streams, file order
        if isinstance(item, SkippedRow): report(item.row, item.reason)
        else: save(item)                         # a ContactRecord

Every reason (a refusal, a skipped row, a record's warnings) is a ``Reason``: a code with
parameters, put into words in the user's language by ``coltiva.imports.reasons``.
"""

from coltiva.interchange.csv_generic import CsvPreview, read_csv, sniff_csv, suggest_mapping
from coltiva.interchange.csv_safe import safe_csv_cell, strip_csv_guard, write_people_csv
from coltiva.interchange.detect import FORMATS, detect_format
from coltiva.interchange.points import normalise_linkedin_url, normalise_phone
from coltiva.interchange.reader import read
from coltiva.interchange.reasons import Reason
from coltiva.interchange.records import (
    DEFAULT_LIMITS,
    ContactPoint,
    ContactRecord,
    Item,
    Limits,
    PartialDate,
    SkippedRow,
    UnreadableFile,
)
from coltiva.interchange.vcard_reader import read_vcards
from coltiva.interchange.vcard_writer import write_vcards

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "ContactPoint",
    "ContactRecord",
    "CsvPreview",
    "Item",
    "Limits",
    "PartialDate",
    "Reason",
    "SkippedRow",
    "UnreadableFile",
    "detect_format",
    "normalise_linkedin_url",
    "normalise_phone",
    "read",
    "read_csv",
    "read_vcards",
    "safe_csv_cell",
    "sniff_csv",
    "strip_csv_guard",
    "suggest_mapping",
    "write_people_csv",
    "write_vcards",
]
