"""CSV readers: LinkedIn, Google, Outlook, Thunderbird and any CSV through a mapping."""

# ruff: noqa: RUF001 - Cyrillic letters and dashes are the point of this test data.

from __future__ import annotations

import datetime as dt

import pytest
from interchange_helpers import DATA, labelled, read_all, values

from coltiva.interchange import (
    ContactRecord,
    PartialDate,
    Reason,
    SkippedRow,
    UnreadableFile,
    read,
    read_csv,
    sniff_csv,
)

LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def linkedin(*rows: str, preamble: str = LINKEDIN_PREAMBLE) -> bytes:
    return (preamble + LINKEDIN_HEADER + "".join(row + "\n" for row in rows)).encode()


def test_the_linkedin_header_is_found_by_content_after_the_notes_preamble() -> None:
    out = read_all(linkedin("Anna,Verdi,https://www.linkedin.com/in/anna,,Acme,CEO,09 Oct 2024"))
    (anna,) = out.records
    assert anna.source_row == 5
    assert anna.connected_on == dt.date(2024, 10, 9)


def test_a_hand_edited_linkedin_file_without_the_preamble_is_read() -> None:
    data = linkedin("Anna,Verdi,,,Acme,CEO,9 Oct 2024", preamble="")
    assert read_all(data, "linkedin").records[0].source_row == 2


def test_a_crlf_linkedin_file_with_a_bom_is_read() -> None:
    data = b"\xef\xbb\xbf" + linkedin("Anna,Verdi,,,Acme,CEO,09 Oct 2024").replace(b"\n", b"\r\n")
    assert read_all(data).records[0].given_name == "Anna"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("09 Oct 2024", dt.date(2024, 10, 9)),
        ("7 Feb 2022", dt.date(2022, 2, 7)),
        ('"1/8/18, 6:14 PM"', dt.date(2018, 1, 8)),
        ('"12/27/17, 12:43 AM"', dt.date(2017, 12, 27)),
        ("2024-10-09", dt.date(2024, 10, 9)),
    ],
)
def test_connected_on_is_read_in_every_form_linkedin_wrote(cell: str, expected: dt.date) -> None:
    out = read_all(linkedin(f"Anna,Verdi,,,Acme,CEO,{cell}"), "linkedin")
    assert out.records[0].connected_on == expected


def test_an_unknown_connection_date_keeps_the_row_with_a_warning() -> None:
    (anna,) = read_all(linkedin("Anna,Verdi,,,Acme,CEO,sometime"), "linkedin").records
    assert anna.connected_on is None
    assert Reason("connection_date_not_understood", {"value": "sometime"}) in anna.warnings


def test_a_row_holding_only_a_date_is_skipped_with_a_reason() -> None:
    out = read_all(linkedin(",,,,,,06 Sep 2025", "Anna,Verdi,,,,,05 Sep 2025"), "linkedin")
    assert [r.given_name for r in out.records] == ["Anna"]
    assert out.skips == [SkippedRow(5, Reason("only_connection_date"))]


def test_linkedin_profile_urls_are_normalised_so_duplicates_compare_equal() -> None:
    out = read_all(
        linkedin(
            "Anna,Verdi,https://it.linkedin.com/in/Anna-Verdi%C3%A0/?trk=x,,,,09 Oct 2024",
            "Anna,Verdi,https://www.linkedin.com/in/anna-verdià,,,,01 Jan 2020",
        ),
        "linkedin",
    )
    first, second = out.records
    assert labelled(first.urls) == [("linkedin", "https://www.linkedin.com/in/anna-verdià")]
    assert first.linkedin_url == second.linkedin_url


def test_credentials_tabs_and_stray_spaces_in_linkedin_names_are_tidied() -> None:
    out = read_all(linkedin("Igor\t, Testov ,,,,,01 Jan 2020", 'Pat,"Sample, PhD",,,,,01 Jan 2020'))
    assert [(r.given_name, r.family_name) for r in out.records] == [
        ("Igor", "Testov"),
        ("Pat", "Sample, PhD"),
    ]


def test_the_2018_layout_keeps_real_emails_and_drops_member_urns() -> None:
    data = (
        b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
        b'Ada,Example,ada@example.com,Acme,Owner,"1/8/18, 6:14 PM"\n'
        b'Cy,Test,urn:li:member:000000001,,,"8/18/18, 12:37 AM"\n'
    )
    out = read_all(data)
    assert out.fmt == "linkedin"
    assert [values(r.emails) for r in out.records] == [["ada@example.com"], []]


def test_a_formula_in_a_cell_is_imported_as_plain_text() -> None:
    (row,) = read_all(
        linkedin('"=HYPERLINK(""http://x.test"")",Inj,,,+Plus,-Role,01 Aug 2025')
    ).records
    assert (row.given_name, row.company, row.job_title) == (
        '=HYPERLINK("http://x.test")',
        "+Plus",
        "-Role",
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("'+39 02 1234", "+39 02 1234"),
        ("'=1+1", "=1+1"),
        ("'-5", "-5"),
        ("'@home", "@home"),
        ("'O'Brien", "'O'Brien"),
        ("'quoted'", "'quoted'"),
        ("''=1", "'=1"),
    ],
)
def test_a_leading_apostrophe_is_stripped_only_before_a_trigger(cell: str, expected: str) -> None:
    data = f"Name,Phone,Company\nAnna,x,{cell}\n".encode()
    (row,) = read_all(data, "csv").records
    assert row.company == expected


def test_google_multi_values_and_primary_markers_are_split() -> None:
    data = (
        b"First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,"
        b"Phone 1 - Value,Website 1 - Label,Website 1 - Value,Organization Name,Birthday\n"
        b"Anna,Verdi,* myContacts ::: Friends ::: * starred,* Work,a@x.it ::: b@x.it,Mobile,"
        b"+39 333 1 ::: +39 333 2,Profile,https://www.linkedin.com/in/anna,Acme, --12-25\n"
    )
    out = read_all(data)
    assert out.fmt == "google"
    (anna,) = out.records
    assert anna.tags == ["Friends", "starred"]
    assert labelled(anna.emails) == [("work", "a@x.it"), ("work", "b@x.it")]
    assert labelled(anna.phones) == [("mobile", "+39 333 1"), ("mobile", "+39 333 2")]
    assert anna.linkedin_url == "https://www.linkedin.com/in/anna"
    assert anna.birthday == PartialDate(None, 12, 25)


def test_the_legacy_google_layout_is_read() -> None:
    data = (
        "Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,"
        "E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,"
        "Organization 1 - Title,Address 1 - City,Address 1 - Country\n"
        "Андрей Иванов,Андрей,,Иванов,* My Contacts ::: Colleghi,* Home,andrei@example.ru,"
        "Work,+7 495 000,Рога и копыта,Директор,Москва,Россия\n"
    ).encode()
    out = read_all(data)
    assert out.fmt == "google"
    (andrei,) = out.records
    assert andrei.display_name == "Андрей Иванов"
    assert andrei.tags == ["Colleghi"]
    assert labelled(andrei.emails) == [("home", "andrei@example.ru")]
    assert (andrei.company, andrei.job_title) == ("Рога и копыта", "Директор")
    assert (andrei.city, andrei.country) == ("Москва", "Россия")


def test_a_german_outlook_export_reads_day_first_dates() -> None:
    data = (
        '"Vorname","Nachname","Firma","Position","E-Mail-Adresse","Mobiltelefon",'
        '"Ort geschäftlich","Geburtstag","Kategorien"\r\n'
        '"Jürgen","Müller","Beispiel GmbH","Leiter","j@example.de","+49 170 1",'
        '"Köln","03.04.1970","Kunden;VIP"\r\n'
    ).encode("cp1252")
    out = read_all(data)
    assert out.fmt == "outlook"
    (jurgen,) = out.records
    assert (jurgen.given_name, jurgen.city, jurgen.job_title) == ("Jürgen", "Köln", "Leiter")
    assert jurgen.birthday == PartialDate(1970, 4, 3)
    assert jurgen.tags == ["Kunden", "VIP"]


def test_a_french_outlook_export_is_read() -> None:
    data = (
        "Prénom,Nom,Société,Adresse de messagerie,Tél. mobile,Ville (bureau),Anniversaire\n"
        "Françoise,D'Exemple,Société Exemple,f@example.fr,+33 6 00,Lyon,23/04/1975\n"
    ).encode("cp1252")
    out = read_all(data)
    assert out.fmt == "outlook"
    (francoise,) = out.records
    assert (francoise.family_name, francoise.city) == ("D'Exemple", "Lyon")
    assert francoise.birthday == PartialDate(1975, 4, 23)


def test_an_outlook_com_61_column_export_is_read() -> None:
    header = (
        "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
        "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,"
        "Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,"
        "Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,"
        "TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,"
        "Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,"
        "Business State,Business Postal Code,Business Country/Region,Home Street,Home City,"
        "Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
        "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,"
        "Location,Web Page,Birthday,Anniversary,Notes"
    )
    assert header.count(",") == 60
    cells = [""] * 61
    cells[0], cells[2], cells[8], cells[15], cells[31] = "Ann", "Lee", "ann@x.com", "555 1", "Co"
    cells[38], cells[41], cells[57], cells[58] = "Seattle", "USA", "https://ann.dev", "4/23/1975"
    out = read_all(f"{header}\r\n{','.join(cells)}\r\n".encode())
    assert out.fmt == "outlook"
    (ann,) = out.records
    assert (ann.display_name, ann.company, ann.city, ann.country) == (
        "Ann Lee",
        "Co",
        "Seattle",
        "USA",
    )
    assert labelled(ann.phones) == [("mobile", "555 1")]
    assert ann.birthday == PartialDate(1975, 4, 23)
    assert values(ann.urls) == ["https://ann.dev"]


def test_a_thunderbird_export_reads_the_split_birthday_and_ignores_the_trailing_comma() -> None:
    data = (
        b"First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,"
        b"Work Phone,Mobile Number,Organization,Birth Year,Birth Month,Birth Day,Notes,"
        b"Screen Name,\r\n"
        b"Anna,Verdi,Anna Verdi,,anna@example.com,anna@home.it,02 1,333 1,Acme,,12,25,hi,,\r\n"
    )
    out = read_all(data)
    assert out.fmt == "thunderbird"
    (anna,) = out.records
    assert values(anna.emails) == ["anna@example.com", "anna@home.it"]
    assert labelled(anna.phones) == [("mobile", "333 1"), ("work", "02 1")]
    assert anna.birthday == PartialDate(None, 12, 25)


def test_a_shift_jis_thunderbird_export_is_detected_and_decoded() -> None:
    data = (
        "First Name,Last Name,Display Name,Primary Email\r\n"
        "太郎,山田,山田 太郎,taro@example.jp\r\n"
        "花子,鈴木,鈴木 花子,hanako@example.jp\r\n"
        "一郎,佐藤,佐藤 一郎,ichiro@example.jp\r\n"
    ).encode("shift_jis")
    out = read_all(data)
    assert [r.display_name for r in out.records] == ["山田 太郎", "鈴木 花子", "佐藤 一郎"]


def test_a_utf16_file_without_a_bom_is_recognised_by_its_nul_bytes() -> None:
    data = "Display Name;Primary Email\r\nZoë;zoe@example.com\r\n".encode("utf-16-le")
    out = read_all(data)
    assert out.fmt == "thunderbird"
    assert out.records[0].display_name == "Zoë"


def test_sniff_csv_finds_the_delimiter_header_and_suggests_italian_fields() -> None:
    data = (
        "Esportato da Foglio;;;\n"
        "Nome;Cognome;Cellulare;E-mail lavoro;Azienda;Città;Data di nascita;Etichette\n"
        "Anna;Verdi;'+39 333 1;anna@acme.it;Acme;Milano;03/04/1980;clienti, vip\n"
    ).encode("cp1252")
    preview = sniff_csv(data)
    assert (preview.delimiter, preview.header_row, preview.encoding) == (";", 2, "cp1252")
    assert preview.rows == [
        [
            "Anna",
            "Verdi",
            "'+39 333 1",
            "anna@acme.it",
            "Acme",
            "Milano",
            "03/04/1980",
            "clienti, vip",
        ]
    ]
    assert preview.suggested_mapping == {
        "Nome": "given_name",
        "Cognome": "family_name",
        "Cellulare": "phone:mobile",
        "E-mail lavoro": "email:work",
        "Azienda": "company",
        "Città": "city",
        "Data di nascita": "birthday",
        "Etichette": "tags",
    }
    (anna,) = read(data, "csv", preview.suggested_mapping)
    assert isinstance(anna, ContactRecord)
    assert labelled(anna.phones) == [("mobile", "+39 333 1")]
    assert anna.birthday == PartialDate(1980, 4, 3)  # day first unless impossible
    assert anna.tags == ["clienti", "vip"]


def test_read_csv_uses_the_mapping_given_and_ignores_the_rest() -> None:
    data = b"Who,Mail,Secret\nAnna Verdi,anna@example.com,xyz\n"
    (anna,) = read_csv(data, {"Who": "display_name", "Mail": "email:home", "Secret": "ignore"})
    assert isinstance(anna, ContactRecord)
    assert (anna.display_name, labelled(anna.emails), anna.notes) == (
        "Anna Verdi",
        [("home", "anna@example.com")],
        "",
    )


def test_a_mapping_with_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown contact field 'salary'"):
        read_csv(b"A\nx\n", {"A": "salary"})


def test_a_mapping_whose_columns_are_not_in_the_file_is_refused() -> None:
    with pytest.raises(UnreadableFile) as error:
        read_csv(b"A,B\nx,y\n", {"Email": "email"})
    assert error.value.reason == Reason("mapped_header_not_found", {"lines": 10})


def test_a_header_only_csv_yields_nothing() -> None:
    assert list(read(LINKEDIN_HEADER.encode(), "linkedin")) == []


def test_reading_a_vcard_as_linkedin_fails_before_iteration() -> None:
    data = (DATA / "vcf40_rfc6350_example.vcf").read_bytes()
    with pytest.raises(UnreadableFile) as error:
        read(data, "linkedin")
    assert error.value.reason == Reason("header_not_found", {"format": "linkedin", "lines": 10})


def test_an_unterminated_quote_does_not_stop_the_rows_before_it() -> None:
    data = b'Name,Email\nAnna,anna@example.com\n"Bob,bob@example.com\nCarl,carl@example.com\n'
    out = read_all(data, "csv")
    assert values(out.records[0].emails) == ["anna@example.com"]


def test_rows_keep_their_spreadsheet_row_numbers_across_multiline_cells() -> None:
    data = b'Name,Notes\nAnna,"line 1\nline 2"\n\nBob,x\n'
    out = read_all(data, "csv")
    assert [(r.display_name, r.source_row) for r in out.records] == [("Anna", 2), ("Bob", 4)]
    assert out.records[0].notes == "line 1\nline 2"


def test_the_bundled_outlook_sample_is_cp1252_with_a_multiline_note() -> None:
    out = read_all((DATA / "csv_outlook_desktop_cp1252_SYNTHETIC.csv").read_bytes())
    assert out.records[0].notes.endswith("Gedankenstrich €")


def test_googles_outlook_csv_export_is_read_as_outlook_without_the_system_group() -> None:
    data = (
        b"First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,"
        b"Notes,E-mail Address,E-mail 2 Address,Mobile Phone,Company,Job Title,Categories\n"
        b"Anna,,Verdi,,,,,,1980-04-03,,anna@example.com,,+39 333 1,Acme,CEO,myContacts;starred\n"
    )
    out = read_all(data)
    assert out.fmt == "outlook"
    (anna,) = out.records
    assert anna.tags == ["starred"]
    assert anna.birthday == PartialDate(1980, 4, 3)
