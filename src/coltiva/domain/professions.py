"""The professions taxonomy and the mapping of free text onto it.

People write what they do as they please ("fotografa di matrimoni", "wedding photos",
"CPA"). Matching needs stable ids, so free text is mapped onto a shipped, versioned
taxonomy of professions grouped into contact spheres: professions that serve the same
clients without competing. ``feeds`` says which spheres send work to which.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from rapidfuzz import fuzz, process

Language = Literal["en", "it"]
MatchMethod = Literal["exact", "token", "fuzzy"]
SphereRelation = Literal["same", "mutual", "feeds", "fed_by"]

# Words that carry no meaning for matching, in both shipped languages. "s" is what is
# left of English possessives.
_STOP_TEXT = """
a about after all also am an and any are as at be been but by can could do does
for from had has have he her his how i if im in into is it its me my no not of on or
our she so some such than that the their them then there these they this those to
too up us very was we were what when where which who whom why will with would you
your s looking look looks seeking seek want wants wanted need needs like meet
meeting introduce introduction introductions referral referrals someone anyone
people person clients client customers customer especially mainly preferably
ideally good great best working
il lo la i gli le un uno una l d di del dello della dei degli delle da dal dallo
dalla dai dagli dalle in nel nello nella nei negli nelle al allo alla ai agli alle
con col su sul sullo sulla sui sugli sulle per tra fra e ed o od che chi cui si mi
ti ci vi ne non mio mia miei mie tuo tua suo sua nostro nostra nostri vostro loro
sono sei siamo siete ho hai ha abbiamo hanno faccio fa fanno come anche piu molto
molti molte tutto tutti tutte ogni quale quali questo questa questi queste quello
quella quelli cerco cerca cerchiamo cercando sto vorrei voglio piacerebbe conoscere
incontrare presentare presentazione presentazioni contatto contatti referenza
referenze segnalazione segnalazioni cliente clienti persone qualcuno soprattutto
principalmente preferibilmente ideale buoni bravi lavorano occupo occupa
"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Upper-case acronyms that are also common words once casefolded ("IT" vs "it",
# "AI" vs Italian "ai"): they are kept apart before casefolding.
_ACRONYMS = re.compile(r"\b(IT|AI|IA)\b")
_ACRONYM_WORDS = {"IT": " infotech ", "AI": " artintel ", "IA": " artintel "}
# "e-commerce", "e-learning": the prefix is not the Italian "e" (and).
_E_PREFIX = re.compile(r"\be-(?=[a-z])")
_VOWELS = frozenset("aeiou")
# An English possessive keeps its word whole: "men's grooming" -> "mens grooming", not
# "men s grooming" (an Italian elision, "dell'azienda", still splits in two words).
_POSSESSIVE = re.compile("(?<=[a-z])['\u2019]s\\b")
# Real words one typo away from a trade's word, never corrected into it: "Director of
# Product" is not a production manager.
_NOT_TYPOS = frozenset({"product", "products", "prodotto", "prodotti"})

# Spell correction only for words long enough that a typo is not another word.
_MIN_CORRECTABLE = 5
_CORRECTION_CUTOFF = 80.0
_WHOLE_TEXT_CUTOFF = 85.0


@dataclass(frozen=True)
class Sphere:
    id: str
    en: str
    it: str
    keywords: tuple[str, ...]

    def label(self, language: str = "en") -> str:
        return self.it if language == "it" else self.en


@dataclass(frozen=True)
class Market:
    """A kind of client ("couples getting married", "PMI") that professions serve."""

    id: str
    en: str
    it: str
    keywords: tuple[str, ...]

    def label(self, language: str = "en") -> str:
        return self.it if language == "it" else self.en


@dataclass(frozen=True)
class Profession:
    id: str
    sphere: str
    en: str
    it: str
    synonyms: tuple[str, ...]
    serves: tuple[str, ...]
    broader: str | None

    def label(self, language: str = "en") -> str:
        return self.it if language == "it" else self.en


@dataclass(frozen=True)
class ProfessionMatch:
    profession_id: str
    en: str
    it: str
    sphere_id: str
    confidence: float
    method: MatchMethod


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Casefold, strip accents and punctuation: "Fotografa, Città" -> "fotografa citta"."""
    text = _ACRONYMS.sub(lambda m: _ACRONYM_WORDS[m.group(1)], text)
    text = _POSSESSIVE.sub("s", _E_PREFIX.sub("e", text.casefold()))
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", plain).split())


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    return tuple(w for w in normalise(text).split() if w not in _STOP_WORDS)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light stemmer for English and Italian.

    It only has to make singular and plural, masculine and feminine meet
    ("fotografo", "fotografa", "fotografi"; "photos", "photo"); short words are left
    alone so that "taxi" never becomes "tax".
    """
    if len(word) < 5 or word.isdigit():
        return word
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for _ in range(2):
        if len(word) > 4 and word[-1] in _VOWELS:
            word = word[:-1]
    return word


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text))


class Taxonomy:
    """The loaded data file, with the lookup tables mapping and matching need."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.version: int = int(raw["version"])
        self.spheres = {s["id"]: _sphere(s) for s in raw["spheres"]}
        self.markets = {m["id"]: _market(m) for m in raw["markets"]}
        self.professions = {p["id"]: _profession(p) for p in raw["professions"]}
        self._feeds: dict[str, set[str]] = {s: set() for s in self.spheres}
        self._fed_by: dict[str, set[str]] = {s: set() for s in self.spheres}
        for source, target in raw["feeds"]:
            self._feeds[source].add(target)
            self._fed_by[target].add(source)
        self.profession_keys = self._profession_keys()
        self.phrases = self._phrases()
        self.max_phrase = max(len(k) for k in self.phrases)
        self.phrase_starts = frozenset(k[0] for k in self.phrases)
        self.vocabulary = tuple(
            sorted({w for p in self.professions.values() for s in _names(p) for w in words(s)})
        )
        self.choices, self.choice_owners = self._choices()

    def sphere_of(self, profession_id: str) -> str:
        return self.professions[profession_id].sphere

    def feeds(self, sphere_id: str) -> frozenset[str]:
        """The spheres whose work this sphere's clients go on to need."""
        return frozenset(self._feeds[sphere_id])

    def fed_by(self, sphere_id: str) -> frozenset[str]:
        return frozenset(self._fed_by[sphere_id])

    def relation(self, a: str, b: str) -> SphereRelation | None:
        """How sphere ``a`` stands to ``b``: the same, feeding each other, one way, or not."""
        if a == b:
            return "same"
        forward, backward = b in self._feeds.get(a, ()), a in self._feeds.get(b, ())
        if forward and backward:
            return "mutual"
        return "feeds" if forward else "fed_by" if backward else None

    def broader_of(self, profession_id: str | None) -> str | None:
        profession = self.professions.get(profession_id or "")
        return None if profession is None else profession.broader

    def _profession_keys(self) -> dict[tuple[str, ...], str]:
        keys: dict[tuple[str, ...], str] = {}
        for profession in self.professions.values():
            for name in _names(profession):
                key = phrase_key(name)
                if key:
                    keys.setdefault(key, profession.id)
        return keys

    def _phrases(self) -> dict[tuple[str, ...], str]:
        """Stemmed phrase -> concept term; professions win over markets over spheres."""
        phrases: dict[tuple[str, ...], str] = {}
        for sphere in self.spheres.values():
            phrases.update({phrase_key(k): f"s:{sphere.id}" for k in sphere.keywords})
        for market in self.markets.values():
            phrases.update({phrase_key(k): f"m:{market.id}" for k in market.keywords})
        phrases.update({k: f"p:{pid}" for k, pid in self.profession_keys.items()})
        phrases.pop((), None)
        return phrases

    def _choices(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        pairs = {" ".join(words(n)): p.id for p in self.professions.values() for n in _names(p)}
        pairs.pop("", None)
        return tuple(pairs), tuple(pairs.values())


def _names(profession: Profession) -> tuple[str, ...]:
    return (profession.en, profession.it, *profession.synonyms)


def _sphere(raw: Mapping[str, Any]) -> Sphere:
    keywords = tuple(raw["keywords"]["en"]) + tuple(raw["keywords"]["it"])
    return Sphere(raw["id"], raw["en"], raw["it"], keywords)


def _market(raw: Mapping[str, Any]) -> Market:
    keywords = tuple(raw["keywords"]["en"]) + tuple(raw["keywords"]["it"])
    return Market(raw["id"], raw["en"], raw["it"], keywords)


def _profession(raw: Mapping[str, Any]) -> Profession:
    synonyms = tuple(raw["synonyms"]["en"]) + tuple(raw["synonyms"]["it"])
    serves = tuple(raw.get("serves", ()))
    return Profession(
        raw["id"], raw["sphere"], raw["en"], raw["it"], synonyms, serves, raw.get("broader")
    )


def load_raw() -> dict[str, Any]:
    text = resources.files("coltiva.data").joinpath("professions.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def taxonomy() -> Taxonomy:
    """The shipped taxonomy, loaded once per process."""
    return Taxonomy(load_raw())


@lru_cache(maxsize=131072)
def terms(text: str) -> tuple[str, ...]:
    """Text as matching terms: taxonomy concepts where a phrase is known, stems elsewhere.

    Concepts ("p:notary", "m:couples", "s:manufacturing") are what make English and
    Italian texts meet: "notaio" and "notary" become the same term.
    """
    tax = taxonomy()
    stems = [stem(w) for w in words(text)]
    out: list[str] = []
    i = 0
    while i < len(stems):
        concept, length = _longest_phrase(tax, stems, i)
        if concept is not None or len(stems[i]) > 1:  # "S.p.A." leaves a lone "p"
            out.append(concept or stems[i])
        i += length
    return tuple(out)


def _longest_phrase(tax: Taxonomy, stems: Sequence[str], i: int) -> tuple[str | None, int]:
    if stems[i] not in tax.phrase_starts:
        return None, 1
    for n in range(min(tax.max_phrase, len(stems) - i), 0, -1):
        concept = tax.phrases.get(tuple(stems[i : i + n]))
        if concept is not None:
            return concept, n
    return None, 1


# Below this a mapping is a guess we would rather not act on.
MIN_CONFIDENCE = 0.5


def profession_text(profession: str, job_title: str) -> str:
    """What the person does in their words: the profession, else the job title."""
    return profession.strip() or job_title.strip()


def mapped_code(text: str) -> str:
    """The taxonomy code stored for ``text`` ("" when the mapping cannot tell)."""
    match = map_profession(text) if text.strip() else None
    if match is None or match.confidence < MIN_CONFIDENCE:
        return ""
    return match.profession_id


def profession_code(profession: str, job_title: str) -> str:
    """The code stored on a person: their profession mapped, else their job title."""
    return mapped_code(profession_text(profession, job_title))


@lru_cache(maxsize=16384)
def map_profession(text: str) -> ProfessionMatch | None:
    """Map what someone wrote as their profession onto the taxonomy, or None."""
    tax = taxonomy()
    tokens = words(text)
    if not tokens:
        return None
    found = _match_tokens(tax, tokens)
    if found is not None:
        return found
    corrected, similarity = _spell_correct(tax, tokens)
    if corrected != tokens:
        found = _match_tokens(tax, corrected)
        if found is not None:
            return _as_fuzzy(found, found.confidence * similarity * 0.95)
    return _match_whole_text(tax, tokens)


def _match_tokens(tax: Taxonomy, tokens: tuple[str, ...]) -> ProfessionMatch | None:
    stems = tuple(stem(t) for t in tokens)
    exact = tax.profession_keys.get(stems)
    if exact is not None:
        return _result(tax, exact, 1.0, "exact")
    # The longest known phrase inside the text wins: "fotografo matrimoni milano"
    # is a wedding photographer, not just a photographer.
    for n in range(min(tax.max_phrase, len(stems)), 0, -1):
        for i in range(len(stems) - n + 1):
            pid = tax.profession_keys.get(stems[i : i + n])
            if pid is not None:
                return _result(tax, pid, 0.6 + 0.35 * n / len(stems), "token")
    return None


def _spell_correct(tax: Taxonomy, tokens: tuple[str, ...]) -> tuple[tuple[str, ...], float]:
    corrected: list[str] = []
    similarity = 1.0
    for token in tokens:
        best = _closest_word(token)
        if best is None:
            corrected.append(token)
            continue
        corrected.append(best[0])
        similarity = min(similarity, best[1])
    return tuple(corrected), similarity


@lru_cache(maxsize=32768)
def _closest_word(token: str) -> tuple[str, float] | None:
    tax = taxonomy()
    if len(token) < _MIN_CORRECTABLE or token.isdigit() or token in _NOT_TYPOS:
        return None
    if token in _vocabulary_set():
        return None
    found = process.extractOne(
        token, tax.vocabulary, scorer=fuzz.ratio, score_cutoff=_CORRECTION_CUTOFF
    )
    return None if found is None else (found[0], found[1] / 100.0)


@cache
def _vocabulary_set() -> frozenset[str]:
    return frozenset(taxonomy().vocabulary)


def _match_whole_text(tax: Taxonomy, tokens: tuple[str, ...]) -> ProfessionMatch | None:
    # token_sort_ratio forgives word order ("matrimoni fotografo"); plain ratio forgives
    # a missing space ("weddingphotographer"), which sorting tokens would hide.
    if _NOT_TYPOS.intersection(tokens):
        return None  # the near match would read a real word as a typo
    text = " ".join(tokens)
    found = None
    for scorer in (fuzz.token_sort_ratio, fuzz.ratio):
        found = process.extractOne(
            text, tax.choices, scorer=scorer, score_cutoff=_WHOLE_TEXT_CUTOFF
        )
        if found is not None:
            break
    if found is None:
        return None
    return _result(tax, tax.choice_owners[found[2]], found[1] / 100.0 * 0.8, "fuzzy")


def _result(tax: Taxonomy, pid: str, confidence: float, method: MatchMethod) -> ProfessionMatch:
    p = tax.professions[pid]
    return ProfessionMatch(p.id, p.en, p.it, p.sphere, round(min(confidence, 1.0), 3), method)


def _as_fuzzy(match: ProfessionMatch, confidence: float) -> ProfessionMatch:
    return ProfessionMatch(
        match.profession_id, match.en, match.it, match.sphere_id, round(confidence, 3), "fuzzy"
    )
