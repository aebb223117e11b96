"""How much each word of a question says about which statute it is about, learnt from the statutes themselves.

*Vi måste dra ner på personal. Vem ska gå först enligt turordningen?* — *turordning* occurs in a handful of
statutes, *först* and *gå* in most of them. BM25 weighs a word by how many paragraphs hold it, which rates *först*
and *turordning* closer than a reader would: the one is spread over every statute, the other gathered in the
anställningsskyddslag. Each query term's search weight is therefore multiplied by its statute IDF (in how few of
the public statutes it occurs, ``kraft.search.spread``), scaled to ``LOW``–``HIGH``: a word of every statute
counts half, a word of one statute twice.

Two words that a statute's heading puts side by side keep at least their weight when the question does too:
*allmän* and *handling* are each in most statutes, *allmän handling* is the subject of one chapter of the
tryckfrihetsförordning. Below ``MIN_STATUTES`` public statutes nothing is weighed: a spread over a handful of
statutes says little.

A word found only in the circumstances a question tells around the sentence that asks weighs less
(``query.CIRCUMSTANCES``), as it does in the ranking.

Names (*Göteborg*, *IVO*) keep their weight: a place or body says nothing about which law applies, and a statute
that happens to mention it (a list of courts) must not outrank the law the question is about.
Measured on the legal dev sets (README, "Legal answers").
"""

from __future__ import annotations

import math
from typing import Any

from django.db.models import Count, Max, QuerySet

from kraft.knowledge.answers.query import CIRCUMSTANCES, Query, circumstances
from kraft.knowledge.models import Document, Library, Passage
from kraft.knowledge.search import COLLECTION
from kraft.search import service as search_service
from kraft.search.analysis import get_analyzer

LOW = 0.5  # factor for a word every statute uses
HIGH = 2.0  # factor for a word one statute uses
MIN_STATUTES = 20  # a word's spread over fewer statutes says little about what a question is about

_pairs: dict[str, Any] = {}


def boosts(query: Query) -> dict[str, float]:
    """Analysed query term → factor on its search weight; empty when the index holds too few public statutes."""
    spread = search_service.term_spread(COLLECTION, Document.Kind.STATUTE)
    if spread.groups < MIN_STATUTES:
        return {}
    analyzer = get_analyzer()
    names = {name.casefold() for name in query.names}
    most = math.log((spread.groups + 1) / 0.5)
    found: dict[str, float] = {}
    terms = analyzer.query_terms(query.retrieval_text())
    for term in terms:
        documents = spread.counts.get(term.term, 0)
        if not documents or term.source.casefold() in names:
            continue
        rarity = math.log((spread.groups + 1) / (documents + 0.5)) / most
        found[term.term] = LOW + (HIGH - LOW) * rarity
    own = [term.term for term in terms if term.weight >= 1.0]
    pairs = heading_pairs()
    for pair in zip(own, own[1:], strict=False):
        if pair in pairs:  # "allmän handling": two common words that together name a subject
            for word in pair:
                found[word] = max(found.get(word, 1.0), 1.0)
    told, asked = circumstances(query.text)
    if told:  # a word only of the story around the question weighs less, as in the ranking (``query``)
        asking = {term.term for term in analyzer.query_terms(asked)}
        story = {term.term for term in analyzer.query_terms(told) if term.source.casefold() not in names}
        for word in story - asking:
            found[word] = found.get(word, 1.0) * CIRCUMSTANCES
    return found


def public_statutes() -> QuerySet[Document]:
    """The statutes whose words and headings may steer anyone's answer: ready, in public libraries."""
    return Document.objects.filter(
        kind=Document.Kind.STATUTE, status=Document.Status.READY, library__visibility=Library.Visibility.PUBLIC
    )


def statutes_version(statutes: QuerySet[Document]) -> tuple[Any, ...]:
    """Their number and latest update: what is learnt from them is rebuilt when this changes."""
    return tuple(statutes.aggregate(n=Count("pk"), changed=Max("updated_at")).values())


def heading_pairs() -> frozenset[tuple[str, str]]:
    """Adjacent words of the public statutes' headings (*Allmänna handlingar* → allmän, handling); rebuilt when
    the statutes change."""
    statutes = public_statutes()
    version = statutes_version(statutes)
    if _pairs.get("version") != version:
        analyzer = get_analyzer()
        headings = (
            Passage.objects.filter(document__in=statutes, language="sv")
            .exclude(heading="")
            .values_list("heading", flat=True)
            .distinct()
        )
        found: set[tuple[str, str]] = set()
        for heading in headings:
            for part in heading.split("›"):
                own = [term.term for term in analyzer.query_terms(part) if term.weight >= 1.0]
                found.update(zip(own, own[1:], strict=False))
        _pairs["pairs"] = frozenset(found)
        _pairs["version"] = version
    pairs: frozenset[tuple[str, str]] = _pairs["pairs"]
    return pairs
