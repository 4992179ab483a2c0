"""Turning exported bytes into text without guessing wrong on real-world files.

Contact exports arrive as UTF-8 (with or without a BOM), UTF-16 from Thunderbird and
Outlook, the Windows ANSI code page from Outlook, and Shift_JIS from Japanese systems.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

import charset_normalizer

SAMPLE_BYTES = 64 * 1024
FALLBACK_ERRORS = "coltiva-cp1252"
WESTERN = "cp1252"

# charset-normalizer is reliable for multi-byte and Cyrillic/Greek text, but on short
# Western European samples it picks cp1250 or mac_roman over cp1252; trust it only here.
_TRUSTED_GUESSES = frozenset(
    {
        "shift_jis",
        "cp932",
        "euc_jp",
        "iso2022_jp",
        "gb2312",
        "gbk",
        "gb18030",
        "big5",
        "big5hkscs",
        "euc_kr",
        "cp949",
        "johab",
        "cp1251",
        "koi8_r",
        "koi8_u",
        "cp1253",
        "iso8859_7",
        "cp1255",
        "cp1256",
        "cp874",
        "tis_620",
    }
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _cp1252_or_latin1(error: UnicodeError) -> tuple[str, int]:
    """Decode the offending bytes one by one as Windows-1252 (Latin-1 for its five holes).

    Used after UTF-8 so that a mostly UTF-8 file with a few ANSI bytes (an edited export)
    keeps both, and for cp1252 itself so that no byte ever makes a file unreadable.
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    text = "".join(_one_byte(byte) for byte in bad)
    return text, error.end


def _one_byte(byte: int) -> str:
    try:
        return bytes([byte]).decode(WESTERN)
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error(FALLBACK_ERRORS, _cp1252_or_latin1)


@dataclass(frozen=True)
class TextEncoding:
    """A Python codec name and the length of the BOM to skip before decoding."""

    codec: str
    bom_length: int = 0

    @property
    def is_wide(self) -> bool:
        return self.codec.startswith(("utf-16", "utf-32"))


def sniff_encoding(data: bytes, declared: str | None = None) -> TextEncoding:
    """BOM, then NUL pattern (UTF-16 without BOM), then a declared charset, then UTF-8,
    then a trusted guess, then Windows-1252."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return TextEncoding(codec, len(bom))
    sample = data[:SAMPLE_BYTES]
    wide = _utf16_from_nuls(sample)
    if wide:
        return TextEncoding(wide)
    if declared and _codec_name(declared):
        return TextEncoding(_codec_name(declared) or WESTERN)
    if _looks_utf8(sample, complete=len(data) <= SAMPLE_BYTES):
        return TextEncoding("utf-8")
    return TextEncoding(_guess_legacy(sample))


def _utf16_from_nuls(sample: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte."""
    probe = sample[:4096]
    if len(probe) < 4:
        return None
    even_nuls = probe[0::2].count(0)
    odd_nuls = probe[1::2].count(0)
    half = len(probe) // 2
    if odd_nuls > half * 0.4 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.4 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def _looks_utf8(sample: bytes, *, complete: bool) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        # A few stray ANSI bytes among many UTF-8 sequences: still UTF-8 (the error
        # handler keeps the stray ones readable).
        errors = _count_utf8_errors(sample)
        return len(_UTF8_MULTIBYTE.findall(sample)) > errors * 4
    return True


def _count_utf8_errors(sample: bytes) -> int:
    text = sample.decode("utf-8", errors="replace")
    return text.count("\ufffd")


def _guess_legacy(sample: bytes) -> str:
    best = charset_normalizer.from_bytes(sample[: 16 * 1024]).best()
    if best is not None and best.encoding in _TRUSTED_GUESSES:
        return best.encoding
    return WESTERN


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip().strip('"')).name
    except LookupError:
        return None


def open_text(data: bytes, encoding: TextEncoding) -> io.TextIOWrapper:
    """A streaming text view of ``data`` (no copy of the whole file), newlines untouched
    as the csv module wants them."""
    stream = io.BytesIO(data)
    stream.seek(encoding.bom_length)
    return io.TextIOWrapper(
        stream, encoding=encoding.codec, errors=_errors_for(encoding), newline=""
    )


def _errors_for(encoding: TextEncoding) -> str:
    if encoding.codec in ("utf-8", WESTERN, "latin-1", "iso8859-1"):
        return FALLBACK_ERRORS
    return "replace"


def decode_sample(data: bytes, encoding: TextEncoding, size: int = SAMPLE_BYTES) -> str:
    """The start of the file as text; a character cut at the sample's end is dropped."""
    chunk = data[encoding.bom_length : encoding.bom_length + size]
    decoder = codecs.getincrementaldecoder(encoding.codec)(errors=_errors_for(encoding))
    return decoder.decode(chunk, final=len(data) <= encoding.bom_length + size)


def decode_value(raw: bytes, declared: str | None, fallback: str) -> str:
    """One vCard value: its CHARSET if that decodes, else UTF-8, else the file's guess."""
    if raw.isascii():
        return raw.decode("ascii")
    codec = _codec_name(declared) if declared else None
    if codec is not None:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            if codec == "utf-8":
                return raw.decode("utf-8", errors=FALLBACK_ERRORS)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if len(_UTF8_MULTIBYTE.findall(raw)) > _count_utf8_errors(raw):
        return raw.decode("utf-8", errors=FALLBACK_ERRORS)
    errors = FALLBACK_ERRORS if fallback == WESTERN else "replace"
    return raw.decode(fallback, errors=errors)


def iter_byte_lines(data: bytes, encoding: TextEncoding) -> Iterator[bytes]:
    """Physical lines as bytes without their line ends (LF, CRLF, CR CR LF or lone CR).

    UTF-16/32 files are re-encoded to UTF-8 line by line so the vCard reader can work on
    bytes for every file.
    """
    if encoding.is_wide:
        for line in open_text(data, encoding):
            yield line.rstrip("\r\n").encode("utf-8")
        return
    start = encoding.bom_length
    separator = b"\n" if b"\n" in data[:SAMPLE_BYTES] or b"\r" not in data[:SAMPLE_BYTES] else b"\r"
    while start < len(data):
        end = data.find(separator, start)
        if end < 0:
            end = len(data)
        yield data[start:end].rstrip(b"\r")
        start = end + 1
