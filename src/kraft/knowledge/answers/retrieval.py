"""Retrieval for answers: the statute first, then the paragraph within it, restricted to what the asker may see.

1. A provision the question cites (``2 kap. 12 § TF``) is fetched directly.
2. A broad search over every visible library ranks passages; their scores, summed per document, say which
   statutes the question is about (a question's words spread over many paragraphs of the right law even when no
   single paragraph holds them all), and without an embedder so do the statutes' tables of contents
   (``contents``: title and headings), added to those votes, and each statute's vote is weighed by how much it
   speaks to the public sector (``audience``). Statutes the question names by name or abbreviation count as found.
3. Each of those statutes is searched on its own — the best by votes and contents, and the best by the search
   alone — so its best paragraphs are candidates even when other laws' paragraphs outscore them in the broad
   search.
4. With an embedder, every candidate's cosine similarity to the question is read from the index: the searches'
   fused scores are ranks, comparable only within one search, the similarity is comparable across all of them.

Every hit is loaded again through the knowledge selectors, so a passage the asker may not see can never reach an
answer even if an index entry were stale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q

from kraft.accounts import permissions
from kraft.knowledge.answers import audience, contents, learning, topicality
from kraft.knowledge.answers.query import Query
from kraft.knowledge.answers.rank import Candidate
from kraft.knowledge.answers.text import STOPWORDS, stem, words
from kraft.knowledge.citations import Citation
from kraft.knowledge.ingestion.eu_regulation import swedish_heading
from kraft.knowledge.models import Document, Passage
from kraft.knowledge.search import COLLECTION, cited
from kraft.knowledge.selectors import passages_by_ids, visible_libraries, visible_passages
from kraft.search import service as search_service
from kraft.search.analysis import get_analyzer
from kraft.search.documents import Hit, SearchQuery, Viewer

RETRIEVE = 20  # passages from the broad search that become candidates
BROAD = 100  # hits of the broad search that vote for statutes
VOTES = 3  # a document's best hits that count towards its score
FOCUS = 5  # documents searched on their own (besides those the question names)
PER_DOCUMENT = 5  # passages taken from each of them
FEEDBACK_HITS = 0  # pseudo-relevance feedback: words shared by this many top hits are added (0 = off)
FEEDBACK_WORDS = 8
HEADING_SHARE = 0.7  # a heading counts when the question holds this share of its words (three of four)
HEADING_DOCUMENTS = 10  # the best-voted documents whose headings are read (a heading may name what others outscore)
HEADING_PASSAGES = 2  # the first paragraphs under such a heading become candidates
HEADING_OF_QUESTION = 0.25  # … weighed by the share of the question's terms the heading holds, to this power
REPEALED_VOTE = 0.5  # a repealed statute's share of its votes: a law in force that answers comes first
CONTENTS_WEIGHT = 2.0  # a statute's table-of-contents score (``contents``) against its votes, both relative to the best
CONTENTS_SPREAD = 10  # … less as the next best statutes score as well (the headings of every law name *överklagande*)


def search_mode() -> str:
    return "hybrid" if "default" in (getattr(settings, "EMBEDDERS", {}) or {}) else "lexical"


@dataclass
class _Found:
    score: float
    document_id: int = 0
    named: bool = False
    direct: bool = False
    own: bool = False  # from a library of the asker's own organisation
    heading: float = 0.0  # how fully the question asks what the passage's heading names


def retrieve(
    user: Any, query: Query, *, limit: int = RETRIEVE, library_ids: Iterable[int] | None = None
) -> list[Candidate]:
    filters: dict[str, tuple[str, ...]] = {}
    if library_ids is not None:
        filters["library"] = tuple(str(pk) for pk in library_ids)
    viewer = search_service.viewer_for(user)
    text = query.retrieval_text()
    weights = topicality.boosts(query)
    for term, factor in query.synonym_terms.items():
        weights[term] = weights.get(term, 1.0) * factor
    broad = _search(text, viewer, filters, max(BROAD, limit), boosts=weights)
    if FEEDBACK_HITS:
        words = feedback_words(user, query, broad[:FEEDBACK_HITS])
        if words:
            text = " ".join([text, *words])
            broad = _search(text, viewer, filters, max(BROAD, limit), boosts=weights)
    documents = _documents_of(user, [hit.key for hit in broad])
    searched = document_votes(broad, documents)
    votes = searched
    if search_mode() == "lexical":  # with an embedder, the candidates' similarity already carries the subject
        votes = audience.weighed(with_contents(searched, contents.statute_scores(query, library_ids, REPEALED_VOTE)))
    found: dict[str, _Found] = {}
    for hit in broad[:limit]:
        found[hit.key] = _Found(hit.score, documents.get(hit.key, (0, False))[0])
    for sfs in query.statutes:
        for hit in _search(text, viewer, {**filters, "sfs": (sfs,)}, PER_DOCUMENT, boosts=weights):
            _add(found, hit, named=True)
    by_vote = sorted(votes, key=votes.__getitem__, reverse=True)
    by_search = sorted(searched, key=searched.__getitem__, reverse=True)
    focus = list(dict.fromkeys([*by_vote[:FOCUS], *by_search[:FOCUS]]))
    for document_id in focus:
        for hit in _search(text, viewer, {**filters, "document": (str(document_id),)}, PER_DOCUMENT, boosts=weights):
            _add(found, hit)
    headed = list(dict.fromkeys([*focus, *by_vote]))[:HEADING_DOCUMENTS]
    for pk, share in heading_matches(user, query, headed, query.statutes).items():
        entry = found.setdefault(str(pk), _Found(0.0))
        entry.heading = max(entry.heading, share)
    own = own_library_ids(user, library_ids)
    if own:
        for hit in _search(text, viewer, {**filters, "library": tuple(map(str, own))}, PER_DOCUMENT, boosts=weights):
            _add(found, hit, own=True)
    for passage in cited_passages(user, query.citations, library_ids):
        entry = found.setdefault(str(passage.pk), _Found(0.0))
        entry.direct = True
    meaning = {}
    if search_mode() == "hybrid":  # how close in meaning each candidate is, comparable across the searches above
        meaning = search_service.similarities(SearchQuery(COLLECTION, query.text, viewer=viewer), list(found))
    candidates = _candidates(user, found, votes, meaning, query.statutes)
    if query.kind == "definition":
        _score_defined_terms(candidates)
    return candidates


def feedback_words(user: Any, query: Query, hits: list[Hit]) -> list[str]:
    """Words that several of the best hits share and the question lacks (pseudo-relevance feedback)."""
    passages = passages_by_ids(user, [int(hit.key) for hit in hits if hit.key.isdigit()])
    counts: dict[str, float] = defaultdict(float)
    seen_in: dict[str, set[str]] = defaultdict(set)
    top = max((hit.score for hit in hits), default=0.0) or 1.0
    for hit in hits:
        passage = passages.get(int(hit.key)) if hit.key.isdigit() else None
        if passage is None:
            continue
        for word in words(f"{passage.heading} {passage.text}"):
            if len(word) < 5 or word in STOPWORDS or stem(word) in query.weights or word.isdigit():
                continue
            counts[word] += hit.score / top
            seen_in[word].add(hit.key)
    shared = [w for w in counts if len(seen_in[w]) >= 2]
    return sorted(shared, key=counts.__getitem__, reverse=True)[:FEEDBACK_WORDS]


def _add(found: dict[str, _Found], hit: Hit, *, named: bool = False, own: bool = False) -> None:
    entry = found.setdefault(hit.key, _Found(hit.score))
    entry.score = max(entry.score, hit.score)
    entry.named = entry.named or named
    entry.own = entry.own or own


def heading_matches(user: Any, query: Query, document_ids: list[int], statutes: list[str]) -> dict[int, float]:
    """Within the statutes found, the paragraphs whose own heading the question asks about: the statute's table of
    contents read like a reader does (*Vad är en allmän handling?* → the heading "Allmän handling"; *Vad är ett
    AI-system med hög risk?* → "Klassificeringsregler för AI-system med hög risk", three of its four words)."""
    analyzer = get_analyzer()
    wanted = {t.term for t in analyzer.query_terms(query.retrieval_text())}
    if not wanted:
        return {}
    rows = visible_passages(user).filter(Q(document_id__in=document_ids) | Q(document__sfs_number__in=statutes))
    best: dict[int, float] = {}
    taken: dict[str, int] = defaultdict(int)
    for pk, heading, document_id, language in (
        rows.exclude(heading="").order_by("ordinal").values_list("pk", "heading", "document_id", "language")
    ):
        own = heading.rsplit("›", 1)[-1].strip()
        if (language or "sv") != "sv":  # EU law: the Swedish title between the article number and the English one
            own = swedish_heading(own)
        share, asked = _covered(analyzer, own, wanted)
        if share >= HEADING_SHARE and taken[f"{document_id}:{own}"] < HEADING_PASSAGES:
            best[pk] = share * (asked / len(wanted)) ** HEADING_OF_QUESTION
            taken[f"{document_id}:{own}"] += 1
    return best


def _covered(analyzer: Any, heading: str, wanted: set[str]) -> tuple[float, int]:
    """The share of a heading's words the question holds (a compound counting when all its parts are there), and how
    many of the question's terms the heading holds."""
    words = []
    asked: set[str] = set()
    for token, _terms in analyzer.matching_terms(heading):
        main, parts = analyzer.word_terms(token)
        held = main in wanted or bool(parts) and set(parts) <= wanted
        words.append(held)
        if held:
            asked |= {main} & wanted or set(parts)
    return (sum(words) / len(words) if words else 0.0), len(asked)


def own_library_ids(user: Any, library_ids: Iterable[int] | None = None) -> list[int]:
    """The libraries of the asker's own organisations (their guidance is quoted next to the law)."""
    organisations = permissions.member_organisation_ids(user)
    if not organisations:
        return []
    libraries = visible_libraries(user).filter(organisation_id__in=organisations)
    if library_ids is not None:
        libraries = libraries.filter(pk__in=list(library_ids))
    return list(libraries.values_list("pk", flat=True))


def unknown_names(user: Any, names: list[str], library_ids: Iterable[int] | None = None) -> list[str]:
    """The names (``Göteborg``, ``IVO``) that no visible passage mentions."""
    filters: dict[str, tuple[str, ...]] = {}
    if library_ids is not None:
        filters["library"] = tuple(str(pk) for pk in library_ids)
    viewer = search_service.viewer_for(user)
    return [name for name in names if not _search(name, viewer, filters, 1, mode="lexical")]


def document_votes(hits: list[Hit], documents: dict[str, tuple[int, bool]]) -> dict[int, float]:
    """Each document's share of the broad search: the sum of its best hits' scores, relative to the best document."""
    top = max((hit.score for hit in hits), default=0.0) or 1.0
    scores: dict[int, list[float]] = defaultdict(list)
    for hit in hits:
        document_id, repealed = documents.get(hit.key, (0, False))
        if document_id:
            scores[document_id].append(hit.score / top * (REPEALED_VOTE if repealed else 1.0))
    summed = {pk: sum(sorted(values, reverse=True)[:VOTES]) for pk, values in scores.items()}
    best = max(summed.values(), default=0.0) or 1.0
    return {pk: value / best for pk, value in summed.items()}


def with_contents(votes: dict[int, float], scores: dict[int, float]) -> dict[int, float]:
    """The votes with each statute's table-of-contents score added (``contents``), relative to the best; its weight
    falls as the next best statutes' scores come close to the best one (a subject every statute's headings name
    tells little), and the sum is scaled by its best."""
    best = max(scores.values(), default=0.0)
    if not best:
        return votes
    runners_up = sorted(scores.values(), reverse=True)[1:CONTENTS_SPREAD]
    weight = CONTENTS_WEIGHT * (1 - sum(runners_up) / len(runners_up) / best if runners_up else 1.0)
    summed = {pk: votes.get(pk, 0.0) + weight * scores.get(pk, 0.0) / best for pk in votes.keys() | scores.keys()}
    top = max(summed.values()) or 1.0
    return {pk: value / top for pk, value in summed.items()}


def _documents_of(user: Any, keys: list[str]) -> dict[str, tuple[int, bool]]:
    ids = [int(key) for key in keys if key.isdigit()]
    rows = visible_passages(user).filter(pk__in=ids).values_list("pk", "document_id", "document__repealed")
    return {str(pk): (document_id, repealed) for pk, document_id, repealed in rows}


def cited_passages(user: Any, citations: list[Citation], library_ids: Iterable[int] | None = None) -> list[Passage]:
    """The visible passages of the provisions cited (chapter and §, or an EU article); none for those missing."""
    visible = visible_passages(user)
    if library_ids is not None:
        visible = visible.filter(library_id__in=list(library_ids))
    return [passage for citation in citations for passage in cited(visible, citation)]


def _candidates(
    user: Any, found: dict[str, _Found], votes: dict[int, float], meaning: dict[str, float], named: list[str]
) -> list[Candidate]:
    """Every found passage the asker may see, with what retrieval knows of it. A passage of a statute the question
    names is from that statute however it was found (its own heading finds *leverantör* in artikel 3.3 of a named
    AI-förordningen as well as the search of the statute does)."""
    passages = passages_by_ids(user, [int(key) for key in found if key.isdigit()])
    learned = learning.learned_words(passages)
    candidates = []
    for key, entry in found.items():
        passage = passages.get(int(key)) if key.isdigit() else None
        if passage is None:
            continue
        foreign = (passage.language or "sv") != "sv"  # EU law's English text: its Swedish words are in the title
        keywords = passage.keywords if foreign else ""
        of_named = entry.named or passage.document.sfs_number in named
        candidates.append(
            Candidate(
                key=str(passage.pk),
                text=passage.text,
                score=entry.score,
                title=" ".join(part for part in (passage.heading, passage.document.title, keywords) if part),
                foreign=foreign,
                demoted=passage.document.repealed and not of_named,  # named: the asker wants that law
                explanatory=bool(passage.recital),
                hinted=of_named,
                statute=1.0 if of_named else votes.get(passage.document_id, 0.0),
                direct=entry.direct,
                own=entry.own and passage.document.kind == Document.Kind.GUIDANCE,
                heading=entry.heading,
                meaning=meaning.get(key),
                learned=" ".join(learned.get(passage.pk, ())),
                payload=passage,
            )
        )
    return candidates


def _score_defined_terms(candidates: list[Candidate]) -> None:
    """A question that asks what a term means, answered by the paragraph whose heading is that term (an EU
    regulation's definition, *AI-system*): found through its heading, such a paragraph has no search score, and the
    paragraphs that use the term (*återkallelse av ett AI-system*) outrank it. It gets the lowest score the search
    gave its document's paragraphs, times how fully the question names its heading: the search ranked it at best
    just below those, not at zero. Only for definition questions: for others a heading names a subject, and the
    search's ranking of the law that governs it counts (*överklaga*: Förvaltningslag 44 § over a tax law's
    *Tid för överklagande*)."""
    lowest: dict[int, float] = {}
    for candidate in candidates:
        if candidate.score > 0:
            document = candidate.payload.document_id
            lowest[document] = min(lowest.get(document, candidate.score), candidate.score)
    for candidate in candidates:
        if candidate.score == 0 and candidate.heading and not candidate.direct:
            candidate.score = lowest.get(candidate.payload.document_id, 0.0) * candidate.heading


def _search(
    text: str,
    viewer: Viewer,
    filters: dict[str, tuple[str, ...]],
    limit: int,
    mode: str = "",
    boosts: dict[str, float] | None = None,
) -> list[Hit]:
    query = SearchQuery(
        collection=COLLECTION,
        text=text,
        viewer=viewer,
        filters=filters,
        page_size=limit,
        mode=mode or search_mode(),
        snippets=False,
        boosts=boosts or {},
    )
    return search_service.search(query).hits
