"""What every CSV reader shares: opening a file as a stream of numbered rows, finding the
header by its content, and turning a row into a record through a column plan."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from coltiva.interchange.builder import RecordBuilder
from coltiva.interchange.csv_safe import strip_csv_guard
from coltiva.interchange.dates import DateOrder, parse_date, parse_full_date
from coltiva.interchange.encoding import TextEncoding, decode_sample, open_text, sniff_encoding
from coltiva.interchange.reasons import Reason
from coltiva.interchange.records import Item, Limits, PartialDate, SkippedRow, UnreadableFile

HEADER_SEARCH_ROWS = 10
MAX_BAD_ROWS = 100
DELIMITERS = ",;\t|"

# Fields a column can feed. "email", "phone" and "url" take an optional label
# ("phone:mobile"); the others take a single value (the first non-empty one wins).
TEXT_FIELDS = frozenset(
    {
        "given_name",
        "family_name",
        "display_name",
        "company",
        "job_title",
        "city",
        "country",
        "photo_url",
    }
)
POINT_FIELDS = frozenset({"email", "phone", "url", "linkedin"})
OTHER_FIELDS = frozenset(
    {
        "middle_name",
        "notes",
        "birthday",
        "birth_year",
        "birth_month",
        "birth_day",
        "connected_on",
        "tags",
        "ignore",
    }
)
FIELDS = TEXT_FIELDS | POINT_FIELDS | OTHER_FIELDS

# Google marks system groups and primary values with "* "; "myContacts" is on every
# contact and says nothing.
_SYSTEM_TAGS = frozenset({"mycontacts", "my contacts"})


@dataclass(frozen=True)
class ColumnTarget:
    field: str
    label: str = ""
    label_column: int | None = None


Plan = list[tuple[int, ColumnTarget]]


@dataclass(frozen=True)
class Profile:
    """How one exporter writes values."""

    name: str
    date_order: DateOrder = "dmy"
    multi_value_separator: str | None = None
    tag_separators: str = ";,"


@dataclass
class CsvSource:
    """A decoded CSV file as numbered rows (1-based, as a spreadsheet shows them)."""

    encoding: TextEncoding
    delimiter: str
    rows: Iterator[tuple[int, list[str] | csv.Error]] = field(repr=False)

    @classmethod
    def open(
        cls, data: bytes, encoding: str | None = None, delimiter: str | None = None
    ) -> CsvSource:
        text_encoding = sniff_encoding(data, encoding)
        chosen = delimiter or sniff_delimiter(decode_sample(data, text_encoding))
        reader = csv.reader(open_text(data, text_encoding), delimiter=chosen)
        return cls(text_encoding, chosen, _numbered(reader))

    def find_header(
        self, is_header: Callable[[list[str]], bool], fmt: str
    ) -> tuple[int, list[str]]:
        """Consume rows up to and including the header; later rows stay in ``rows``.
        ``fmt`` is the layout looked for ("linkedin"...), or "csv" for a chosen mapping."""
        for number, row in self.rows:
            if isinstance(row, list) and is_header([normalise_header(cell) for cell in row]):
                return number, row
            if number >= HEADER_SEARCH_ROWS:
                break
        if fmt == "csv":
            raise UnreadableFile(Reason("mapped_header_not_found", {"lines": HEADER_SEARCH_ROWS}))
        raise UnreadableFile(
            Reason("header_not_found", {"format": fmt, "lines": HEADER_SEARCH_ROWS})
        )


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str] | csv.Error]]:
    number = 0
    while True:
        number += 1
        try:
            yield number, next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # The csv module resumes at the next line after an error, so carry on.
            yield number, error


def normalise_header(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())


def sniff_delimiter(sample: str) -> str:
    """The candidate found on the most of the first lines, outside quotes (csv.Sniffer
    is thrown off by LinkedIn's preamble and by commas inside quoted notes)."""
    lines = [line for line in sample.splitlines()[: HEADER_SEARCH_ROWS + 5] if line.strip()]
    best, best_score = ",", (0, 0)
    for candidate in DELIMITERS:
        counts = [_count_unquoted(line, candidate) for line in lines]
        score = (sum(1 for count in counts if count), max(counts, default=0))
        if score > best_score:
            best, best_score = candidate, score
    return best


def _count_unquoted(line: str, char: str) -> int:
    if '"' not in line:
        return line.count(char)
    return sum(1 for part in line.split('"')[::2] for _ in range(part.count(char)))


def plan_from_names(header: Sequence[str], wanted: Mapping[str, ColumnTarget]) -> Plan:
    """Columns found by normalised name, in the order of ``wanted`` (its priority)."""
    positions = {normalise_header(cell): index for index, cell in reversed(list(enumerate(header)))}
    return [(positions[name], target) for name, target in wanted.items() if name in positions]


def iter_records(source: CsvSource, plan: Plan, profile: Profile, limits: Limits) -> Iterator[Item]:
    bad_rows = 0
    for number, row in source.rows:
        if isinstance(row, csv.Error):
            bad_rows += 1
            yield SkippedRow(number, _malformed(row))
            if bad_rows >= MAX_BAD_ROWS:
                yield SkippedRow(number, Reason("too_many_malformed_rows"))
                return
            continue
        if not any(cell.strip() for cell in row):
            continue  # blank lines are layout, not contacts
        yield build_row(row, number, plan, profile, limits)


def build_row(row: list[str], number: int, plan: Plan, profile: Profile, limits: Limits) -> Item:
    row = [strip_csv_guard(cell) for cell in row]
    builder = RecordBuilder(number, limits)
    parts: dict[str, str] = {}
    for index, target in plan:
        raw = row[index] if index < len(row) else ""
        if raw.strip():
            _apply(builder, target, raw, row, profile, parts)
    _finish_parts(builder, parts)
    return builder.finish()


def _malformed(error: csv.Error) -> Reason:
    # The csv module's messages are English; the one a person can act on gets its code.
    if "field larger than field limit" in str(error):
        return Reason("row_cell_too_long")
    return Reason("row_malformed")


def _apply(
    builder: RecordBuilder,
    target: ColumnTarget,
    raw: str,
    row: list[str],
    profile: Profile,
    parts: dict[str, str],
) -> None:
    name = target.field
    if name in TEXT_FIELDS:
        builder.set_text(name, raw)
    elif name in POINT_FIELDS:
        _apply_points(builder, target, raw, row, profile)
    elif name == "notes":
        builder.add_note(raw)
    elif name == "tags":
        builder.add_tags(split_tags(raw, profile))
    elif name == "birthday":
        _apply_birthday(builder, raw, profile)
    elif name == "connected_on":
        builder.record.connected_on = parse_full_date(raw, profile.date_order)
        if builder.record.connected_on is None:
            builder.warn(Reason("connection_date_not_understood", {"value": raw.strip()[:40]}))
    elif name in ("middle_name", "birth_year", "birth_month", "birth_day"):
        parts.setdefault(name, raw.strip())


def _apply_points(
    builder: RecordBuilder, target: ColumnTarget, raw: str, row: list[str], profile: Profile
) -> None:
    values = _split_multi(raw, profile)
    label, primary = target.label, False
    if target.label_column is not None and target.label_column < len(row):
        label, primary = _marked(row[target.label_column])
        label = _split_multi(label, profile)[0] if label else ""
    add = {
        "email": builder.add_email,
        "phone": builder.add_phone,
        "url": builder.add_url,
        "linkedin": builder.add_url,
    }[target.field]
    for value in values:
        add(value, label.casefold() if label else "", primary=primary)


def _apply_birthday(builder: RecordBuilder, raw: str, profile: Profile) -> None:
    if builder.record.birthday is not None:
        return
    builder.record.birthday = parse_date(raw, profile.date_order)
    if builder.record.birthday is None and not _is_empty_date(raw):
        builder.warn(Reason("birthday_not_understood", {"value": raw.strip()[:40]}))


def _is_empty_date(raw: str) -> bool:
    return not raw.strip() or re.fullmatch(r"0+[/.\-]0+[/.\-]0+", raw.strip()) is not None


def _finish_parts(builder: RecordBuilder, parts: dict[str, str]) -> None:
    record = builder.record
    middle = parts.get("middle_name", "")
    if middle and not record.display_name and (record.given_name or record.family_name):
        record.display_name = " ".join(
            p for p in (record.given_name, middle, record.family_name) if p
        )
    if record.birthday is None and "birth_month" in parts and "birth_day" in parts:
        record.birthday = _birthday_from_parts(parts)


def _birthday_from_parts(parts: dict[str, str]) -> PartialDate | None:
    year_text = parts.get("birth_year", "")
    try:
        year = int(year_text) if year_text else None
        return PartialDate(
            year=year or None, month=int(parts["birth_month"]), day=int(parts["birth_day"])
        )
    except ValueError:
        return None


def _split_multi(raw: str, profile: Profile) -> list[str]:
    if profile.multi_value_separator and profile.multi_value_separator in raw:
        return [part.strip() for part in raw.split(profile.multi_value_separator) if part.strip()]
    return [raw.strip()]


def _marked(raw: str) -> tuple[str, bool]:
    value = raw.strip()
    if value.startswith("* "):
        return value[2:].strip(), True
    return value, False


def split_tags(raw: str, profile: Profile) -> list[str]:
    separators = [profile.multi_value_separator or "", *profile.tag_separators]
    pattern = "|".join(re.escape(sep) for sep in separators if sep)
    tags = [_marked(part)[0] for part in re.split(pattern, raw)] if pattern else [raw]
    return [tag for tag in tags if tag and tag.casefold() not in _SYSTEM_TAGS]


def parse_target(spec: str) -> ColumnTarget:
    """``"phone:mobile"`` -> ColumnTarget("phone", "mobile"); unknown fields are refused."""
    name, _, label = spec.partition(":")
    name = name.strip()
    if name not in FIELDS:
        raise ValueError(f"unknown contact field {name!r}")
    return ColumnTarget(name, label.strip())
