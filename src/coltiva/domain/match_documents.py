"""A book's people as weighted term documents, and the posting lists matching walks.

Three documents per person: what they look for (a query), what they are and do (a
profile, BM25-saturated) and whom they serve (a unit vector, compared by cosine).
Terms are bilingual taxonomy concepts where a phrase is known, so "cerco notai" meets
"Notary"; loose words count half.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence

from coltiva.domain.candidates import Candidate
from coltiva.domain.professions import taxonomy, terms

# Document building: taxonomy concepts count fully, loose words half; in a wish the
# sector only qualifies the trade sought.
TOKEN_WEIGHT = 0.5
SECTOR_IN_WISH_WEIGHT = 0.5
MENTIONED_TRADE_WEIGHT = 0.3
BROADER_WEIGHT = 0.7
OWN_SPHERE_WEIGHT = 0.5
TAXONOMY_SERVES_WEIGHT = 0.7
SERVES_IN_PROFILE_WEIGHT = 0.6
BM25_K1 = 1.2
BM25_B = 0.5
# Terms this common say little and make the all-pairs pass quadratic: dropped.
PRUNE_MIN_DF = 200
PRUNE_FRACTION = 0.05

Doc = dict[str, float]
Postings = dict[str, tuple[list[int], list[float]]]


def raw_docs(c: Candidate, sphere: str | None) -> tuple[Doc, Doc, Doc]:
    """What they look for, what they are and do, and whom they serve, as term weights."""
    wants: Doc = {}
    _add_text(wants, c.looks_for, sector=SECTOR_IN_WISH_WEIGHT)
    serves: Doc = {}
    _add_text(serves, c.target_market)
    profession = taxonomy().professions.get(c.profession_id or "")
    if profession is not None:
        for market in profession.serves:
            _add(serves, f"m:{market}", TAXONOMY_SERVES_WEIGHT)
    profile: Doc = {}
    if c.profession_id:
        _add_concept(profile, f"p:{c.profession_id}", 1.0)
    if sphere is not None:
        _add(profile, f"s:{sphere}", OWN_SPHERE_WEIGHT)
    # Other trades named in a profile are mostly clients or employers ("HR manager at a
    # software house", "Russo HR"): they say little about what this person does.
    _add_text(profile, c.offers, trade=MENTIONED_TRADE_WEIGHT)
    _add_text(profile, c.company, trade=MENTIONED_TRADE_WEIGHT)
    for term, weight in serves.items():
        _add(profile, term, SERVES_IN_PROFILE_WEIGHT * weight)
    return wants, profile, serves


def _add_text(doc: Doc, text: str, *, sector: float = 1.0, trade: float = 1.0) -> None:
    for term in terms(text):
        if term.startswith("s:"):
            _add(doc, term, sector)
        elif term.startswith("p:"):
            _add_concept(doc, term, trade)
        elif term.startswith("m:"):
            _add(doc, term, 1.0)
        else:
            _add(doc, term, TOKEN_WEIGHT)


def _add_concept(doc: Doc, term: str, weight: float) -> None:
    """A profession also counts, a little less, as its broader trade."""
    _add(doc, term, weight)
    broader = taxonomy().broader_of(term[2:]) if term.startswith("p:") else None
    if broader is not None:
        _add(doc, f"p:{broader}", BROADER_WEIGHT * weight)


def _add(doc: Doc, term: str, weight: float) -> None:
    doc[term] = doc.get(term, 0.0) + weight


def weigh(raw: Sequence[tuple[Doc, Doc, Doc]], n: int) -> tuple[list[Doc], list[Doc], list[Doc]]:
    df = [Counter(t for docs in raw for t in docs[k]) for k in range(3)]
    cap = max(PRUNE_MIN_DF, PRUNE_FRACTION * n)
    dropped = {t for counts in df for t, count in counts.items() if count > cap}
    kept = [tuple({t: w for t, w in d.items() if t not in dropped} for d in docs) for docs in raw]
    idf_profile = {t: _idf(count, n) for t, count in df[1].items()}
    idf_serves = {t: _idf(count, n) for t, count in df[2].items()}
    avg_len = sum(sum(docs[1].values()) for docs in kept) / max(n, 1) or 1.0
    wants = [_query_weights(docs[0], idf_profile, n) for docs in kept]
    profile = [_saturated(docs[1], avg_len) for docs in kept]
    serves = [_unit_vector(docs[2], idf_serves, n) for docs in kept]
    return wants, profile, serves


def _idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _query_weights(doc: Doc, idf: Mapping[str, float], n: int) -> Doc:
    """Share of the wish each term carries, so that meeting it in full scores 1.

    Professions in a wish are alternatives ("fotografi, fioristi, catering": any one
    will do), so only the heaviest counts towards the whole; sectors, markets and
    words qualify it ("HR managers in manufacturing").
    """
    unseen = _idf(0, n)
    raw = {t: w * idf.get(t, unseen) for t, w in doc.items()}
    trades = [w for t, w in raw.items() if t.startswith("p:")]
    total = max(trades, default=0.0) + sum(w for t, w in raw.items() if not t.startswith("p:"))
    return {t: w / total for t, w in raw.items()} if total else {}


def _saturated(doc: Doc, avg_len: float) -> Doc:
    """BM25 term frequency, capped at 1: how well a profile covers a term."""
    norm = BM25_K1 * (1 - BM25_B + BM25_B * sum(doc.values()) / avg_len)
    return {t: min(1.0, w * (BM25_K1 + 1) / (w + norm)) for t, w in doc.items()}


def _unit_vector(doc: Doc, idf: Mapping[str, float], n: int) -> Doc:
    unseen = _idf(0, n)
    raw = {t: w * idf.get(t, unseen) for t, w in doc.items()}
    length = math.sqrt(sum(w * w for w in raw.values()))
    return {t: w / length for t, w in raw.items()} if length else {}


def postings(docs: Sequence[Doc]) -> Postings:
    post: Postings = {}
    for i, doc in enumerate(docs):
        for term, weight in doc.items():
            positions, weights = post.setdefault(term, ([], []))
            positions.append(i)
            weights.append(weight)
    return post


def filter_postings(post: Postings, rank: Sequence[int], min_rank: int) -> Postings:
    out: Postings = {}
    for term, (positions, weights) in post.items():
        keep = [k for k, j in enumerate(positions) if rank[j] >= min_rank]
        if keep:
            out[term] = ([positions[k] for k in keep], [weights[k] for k in keep])
    return out


def accumulate(query: Doc, postings: Postings, after: int) -> dict[int, float]:
    scores: dict[int, float] = {}
    get = scores.get
    for term, q in query.items():
        found = postings.get(term)
        if found is None:
            continue
        positions, weights = found
        start = bisect_right(positions, after)
        for j, w in zip(positions[start:], weights[start:], strict=True):
            scores[j] = get(j, 0.0) + q * w
    return scores


def dot(query: Doc, doc: Doc) -> float:
    return sum(q * doc.get(t, 0.0) for t, q in query.items())
