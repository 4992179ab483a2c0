"""One entry point for every contact format."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from coltiva.interchange.csv_formats import LAYOUTS, read_layout
from coltiva.interchange.csv_generic import read_csv, sniff_csv
from coltiva.interchange.reasons import Reason
from coltiva.interchange.records import DEFAULT_LIMITS, Item, Limits, UnreadableFile
from coltiva.interchange.vcard_reader import read_vcards


def read(
    data: bytes,
    fmt: str,
    mapping: Mapping[str, str] | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    encoding: str | None = None,
) -> Iterator[Item]:
    """Records and skipped rows in file order, produced one at a time.

    ``fmt`` comes from ``detect_format``. ``mapping`` is used for "csv" (header cell ->
    field spec); without one, ``sniff_csv``'s suggestion is used. A CSV whose header
    cannot be found raises ``UnreadableFile`` here, before iteration starts.
    """
    if fmt == "vcard":
        return read_vcards(data, limits, encoding)
    if fmt in LAYOUTS:
        return read_layout(data, fmt, limits, encoding)
    if fmt == "csv":
        chosen = mapping if mapping is not None else sniff_csv(data, encoding).suggested_mapping
        if not chosen:
            raise UnreadableFile(Reason("no_column_matched"))
        return read_csv(data, chosen, limits=limits, encoding=encoding)
    if fmt == "json":
        raise ValueError(
            "Coltiva's own JSON export is restored by the import service, not read here."
        )
    raise ValueError(f"unknown contact format {fmt!r}")
