"""The tolerant vCard reader, one producer quirk at a time."""

from __future__ import annotations

import base64

import pytest
from interchange_helpers import labelled, read_all, values

from coltiva.interchange import (
    ContactRecord,
    Limits,
    PartialDate,
    Reason,
    SkippedRow,
    read,
    read_vcards,
)


def card(*lines: str, end: str = "\r\n") -> bytes:
    return ("BEGIN:VCARD" + end + end.join(lines) + end + "END:VCARD" + end).encode("utf-8")


def only_record(data: bytes, limits: Limits | None = None) -> ContactRecord:
    items = list(read_vcards(data, limits or Limits()))
    assert len(items) == 1
    assert isinstance(items[0], ContactRecord), items[0]
    return items[0]


def test_a_line_folded_inside_a_utf8_sequence_is_unfolded_before_decoding() -> None:
    name = "Niccolò Žižek".encode()
    cut = name.index(b"\xc3") + 1  # between the two bytes of "ò"
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name[:cut] + b"\r\n " + name[cut:]
    assert only_record(data + b"\r\nEND:VCARD\r\n").display_name == "Niccolò Žižek"


def test_quoted_printable_soft_breaks_join_lines_that_start_without_a_space() -> None:
    data = card(
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Rossi;Ma=",
        "=C3=AFa",
        "NOTE;QUOTED-PRINTABLE:first=0D=0Asecond",
    )
    record = only_record(data)
    assert (record.given_name, record.family_name) == ("Maïa", "Rossi")
    assert record.notes == "first\nsecond"


def test_quoted_printable_without_a_charset_falls_back_to_windows_1252() -> None:
    record = only_record(card("VERSION:2.1", "FN;ENCODING=QUOTED-PRINTABLE:Andr=E9 =80"))
    assert record.display_name == "André €"


def test_raw_8bit_values_that_are_not_utf8_are_read_as_windows_1252() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:J\xfcrgen M\xfcller\r\nEND:VCARD\r\n"
    assert only_record(data).display_name == "Jürgen Müller"


def test_a_declared_shift_jis_charset_is_honoured() -> None:
    name = "山田太郎".encode("shift_jis")
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=SHIFT_JIS:" + name + b"\r\nEND:VCARD\r\n"
    assert only_record(data).display_name == "山田太郎"


def test_a_utf16_vcard_with_a_bom_is_read() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ōtani\r\nEMAIL:zoe@example.com\r\nEND:VCARD\r\n"
    record = only_record(text.encode("utf-16"))
    assert record.display_name == "Zoë Ōtani"
    assert values(record.emails) == ["zoe@example.com"]


def test_cr_cr_lf_and_bare_cr_line_ends_are_accepted() -> None:
    crcrlf = card("VERSION:3.0", "FN:Anna Verdi", end="\r\r\n")
    bare_cr = card("VERSION:3.0", "FN:Anna Verdi", end="\r")
    assert only_record(crcrlf).display_name == "Anna Verdi"
    assert only_record(bare_cr).display_name == "Anna Verdi"


def test_bare_vcard_21_parameters_become_labels_and_pref_comes_first() -> None:
    record = only_record(card("VERSION:2.1", "FN:A", "TEL;HOME:02 111", "TEL;CELL;PREF:333 222"))
    assert labelled(record.phones) == [("mobile", "333 222"), ("home", "02 111")]


def test_a_vcard_21_base64_photo_indented_and_ended_by_a_blank_line_is_decoded() -> None:
    photo = b"\xff\xd8\xff" + bytes(range(200))
    encoded = base64.b64encode(photo).decode()
    lines = ["    " + encoded[i : i + 60] for i in range(0, len(encoded), 60)]
    data = card("VERSION:2.1", "FN:A", "PHOTO;ENCODING=BASE64;JPEG:", *lines, "", "EMAIL:a@b.it")
    record = only_record(data)
    assert record.photo == photo
    assert values(record.emails) == ["a@b.it"]


def test_an_unindented_base64_block_in_vcard_21_is_joined() -> None:
    photo = bytes(range(256)) * 2
    encoded = base64.b64encode(photo).decode()
    lines = [encoded[i : i + 76] for i in range(0, len(encoded), 76)]
    record = only_record(card("VERSION:2.1", "FN:A", "PHOTO;BASE64:", *lines, "", "TITLE:CEO"))
    assert record.photo == photo
    assert record.job_title == "CEO"


def test_apple_item_groups_take_their_x_ablabel() -> None:
    record = only_record(
        card(
            "VERSION:3.0",
            "FN:A",
            "item1.TEL:+39 02 1234",
            "item1.X-ABLabel:_$!<Mobile>!$_",
            "item2.EMAIL;type=INTERNET:a@example.com",
            "item2.X-ABLabel:Studio\\, Milano",
        )
    )
    assert labelled(record.phones) == [("mobile", "+39 02 1234")]
    assert labelled(record.emails) == [("Studio, Milano", "a@example.com")]


def test_a_company_card_with_an_empty_n_is_named_after_the_company() -> None:
    record = only_record(
        card("VERSION:3.0", "N:;;;;", "ORG:Acme S.p.A.;Sales", "X-ABShowAs:COMPANY")
    )
    assert record.is_company
    assert (record.display_name, record.company) == ("Acme S.p.A.", "Acme S.p.A.")


def test_escaped_colons_commas_semicolons_and_newlines_are_unescaped() -> None:
    record = only_record(
        card(
            "VERSION:3.0",
            "FN:Rossi\\, Anna",
            "N:Rossi\\;Bianchi;Anna;;;",
            "URL:http\\://example.com/a",
            "NOTE:one\\ntwo\\\\three",
        )
    )
    assert record.display_name == "Rossi, Anna"
    assert record.family_name == "Rossi;Bianchi"
    assert values(record.urls) == ["http://example.com/a"]
    assert record.notes == "one\ntwo\\three"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BDAY:1980-03-21", PartialDate(1980, 3, 21)),
        ("BDAY:19800321", PartialDate(1980, 3, 21)),
        ("BDAY;value=date:2012-06-06T00:00:00Z", PartialDate(2012, 6, 6)),
        ("BDAY:--12-25", PartialDate(None, 12, 25)),
        ("BDAY:--0203", PartialDate(None, 2, 3)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29", PartialDate(None, 2, 29)),
        ("BDAY:16040101", PartialDate(None, 1, 1)),
        ("BDAY;VALUE=text:circa 1800", None),
        ("BDAY:2023-02-30", None),
    ],
)
def test_birthdays_with_and_without_a_year(line: str, expected: PartialDate | None) -> None:
    assert only_record(card("VERSION:3.0", "FN:A", line)).birthday == expected


def test_vcard_4_tel_uris_lose_their_scheme_and_keep_the_extension() -> None:
    record = only_record(
        card("VERSION:4.0", "FN:A", 'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+39-02-1234;ext=5')
    )
    assert labelled(record.phones) == [("work", "+39-02-1234 ext. 5")]


def test_a_photo_given_as_a_data_uri_is_decoded() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    uri = "data:image/png;base64," + base64.b64encode(png).decode()
    assert only_record(card("VERSION:4.0", "FN:A", "PHOTO:" + uri)).photo == png


def test_a_photo_given_as_a_link_is_kept_as_a_link() -> None:
    record = only_record(card("VERSION:4.0", "FN:A", "PHOTO:https://example.com/a.jpg"))
    assert (record.photo, record.photo_url) == (None, "https://example.com/a.jpg")


def test_altid_alternatives_are_read_once() -> None:
    record = only_record(
        card(
            "VERSION:4.0",
            "FN;ALTID=1;LANGUAGE=it:Giovanni",
            "FN;ALTID=1;LANGUAGE=en:John",
            "TITLE;ALTID=2;LANGUAGE=it:Direttore",
            "TITLE;ALTID=2;LANGUAGE=en:Director",
            "EMAIL;ALTID=3:a@example.com",
            "EMAIL;ALTID=3:b@example.com",
        )
    )
    assert (record.display_name, record.job_title) == ("Giovanni", "Direttore")
    assert values(record.emails) == ["a@example.com"]


def test_a_card_without_end_in_the_middle_is_skipped_and_the_rest_kept() -> None:
    data = (
        card("VERSION:3.0", "FN:First")
        + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\n"
        + card("VERSION:3.0", "FN:Third")
    )
    items = list(read_vcards(data))
    assert [type(i) for i in items] == [ContactRecord, SkippedRow, ContactRecord]
    assert isinstance(items[1], SkippedRow)
    assert items[1].row == 2
    assert items[1].reason == Reason("card_not_ended")
    assert [i.display_name for i in items if isinstance(i, ContactRecord)] == ["First", "Third"]
    assert [i.source_row for i in items if isinstance(i, ContactRecord)] == [1, 3]


def test_a_damaged_card_with_nothing_usable_is_skipped_with_its_line() -> None:
    data = (
        card("VERSION:3.0", "FN:Good") + card("\x01\x02garbage", "more garbage") + card("FN:Also")
    )
    items = list(read_vcards(data))
    skip = items[1]
    assert isinstance(skip, SkippedRow)
    assert skip == SkippedRow(2, Reason("card_damaged", {"line": 6}))
    assert [i.display_name for i in items if isinstance(i, ContactRecord)] == ["Good", "Also"]


def test_a_card_with_no_name_email_phone_or_link_is_skipped_with_a_reason() -> None:
    (item,) = read_vcards(card("VERSION:3.0", "NOTE:just a note", "BDAY:--01-01"))
    assert item == SkippedRow(1, Reason("nothing_to_import"))


def test_a_file_cut_inside_the_last_card_keeps_the_complete_ones() -> None:
    data = card("VERSION:3.0", "FN:Whole") + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut"
    items = list(read_vcards(data))
    assert isinstance(items[0], ContactRecord)
    assert items[1] == SkippedRow(2, Reason("card_cut_short"))


def test_a_photo_over_the_limit_is_dropped_with_a_flag_and_a_warning() -> None:
    big = base64.b64encode(b"\xff\xd8\xff" + b"\x00" * 10_000_000).decode()
    folded = "\r\n ".join(big[i : i + 74] for i in range(0, len(big), 74))
    record = only_record(card("VERSION:3.0", "FN:Big Photo", "PHOTO;ENCODING=b:" + folded))
    assert record.photo is None
    assert record.photo_dropped
    assert Reason("photo_too_large", {"megabytes": "1"}) in record.warnings
    assert record.display_name == "Big Photo"


def test_a_photo_just_under_the_limit_is_kept() -> None:
    photo = b"\xff\xd8\xff" + b"\x01" * 900_000
    encoded = base64.b64encode(photo).decode()
    assert only_record(card("VERSION:3.0", "FN:A", "PHOTO;ENCODING=b:" + encoded)).photo == photo


def test_long_names_and_notes_are_cut_to_their_limits_with_a_warning() -> None:
    record = only_record(card("VERSION:3.0", "FN:" + "a" * 5_000, "NOTE:" + "n" * 50_000))
    assert len(record.display_name) == 1_000
    assert len(record.notes) == 10_000
    assert Reason("field_cut", {"field": "display_name", "limit": 1000}) in record.warnings
    assert Reason("field_cut", {"field": "notes", "limit": 10000}) in record.warnings


def test_nul_and_control_characters_never_reach_a_record() -> None:
    record = only_record(card("VERSION:3.0", "FN:An\x00na\x07 Verdi", "NOTE:a\x00b"))
    assert (record.display_name, record.notes) == ("Anna Verdi", "ab")


def test_several_cards_in_lowercase_with_version_last_are_read() -> None:
    data = b"begin:vcard\nfn:One\nversion:2.1\nend:vcard\nbegin:vcard\nfn:Two\nend:vcard\n"
    assert [r.display_name for r in read_all(data).records] == ["One", "Two"]


def test_linkedin_links_in_a_vcard_are_normalised_and_labelled() -> None:
    record = only_record(
        card(
            "VERSION:3.0",
            "FN:A",
            "URL:http://it.linkedin.com/in/Anna-Verdi/?trk=x",
            "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/anna-verdi",
        )
    )
    assert labelled(record.urls) == [("linkedin", "https://www.linkedin.com/in/anna-verdi")]


def test_limits_passed_to_read_are_applied() -> None:
    photo = base64.b64encode(b"\xff\xd8\xff" + b"\x00" * 500).decode()
    data = card("VERSION:3.0", "FN:Anna Verdi", "PHOTO;ENCODING=b:" + photo)
    (record,) = read(data, "vcard", limits=Limits(max_photo_bytes=100, max_name_chars=4))
    assert isinstance(record, ContactRecord)
    assert (record.photo, record.photo_dropped, record.display_name) == (None, True, "Anna")
