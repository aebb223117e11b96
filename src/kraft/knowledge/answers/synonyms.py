"""Bridging a question's everyday words to the statutes' words with the Swedish thesaurus.

*Får socialsekreteraren prata med mitt barn?* — no statute says *prata*; they say *samtala* and *tala*. A question
word that no public statute uses cannot find the paragraph by itself, so its synonyms from the thesaurus
(``kraft.search.analysis.thesaurus``, LibreOffice's Swedish thesaurus) that the statutes do use are added to the
search, each at ``WEIGHT`` of a question word's weight, and to the ranking at the same weight.

Only words the statutes lack are expanded. A word they already use is better matched as it is, and expanding it
brings the thesaurus's other senses in: *lagen* would bring *lager*, *magasin* and *depå*, *säger* every verb of
speech. Synonyms the statutes never use cannot match anything and are dropped, so are multi-word ones and those
in more than half of the statutes (*skriker* → *gälla*), which tell nothing and match everywhere (from
``MIN_STATUTES`` statutes on, as in ``topicality``: in a handful every word is in half of them). Which
statutes count is read from the public statutes in the index (``search_service.term_spread``), never from a
private library.
"""

from __future__ import annotations

from kraft.knowledge.answers.query import Query
from kraft.knowledge.answers.text import STOPWORDS, stem, words
from kraft.knowledge.answers.topicality import MIN_STATUTES
from kraft.knowledge.models import Document
from kraft.knowledge.search import COLLECTION
from kraft.search import service as search_service
from kraft.search.analysis import get_analyzer
from kraft.search.analysis.thesaurus import get_thesaurus
from kraft.search.analysis.tokenizer import tokenize

WEIGHT = 0.5  # a synonym's weight against a question word's, in the search and in the ranking (0 = off)
MIN_LENGTH = 4  # shorter words are too ambiguous to expand
COMMON = 0.5  # a synonym in more than this share of the public statutes says nothing (*gälla*, *bra*)


def expand(query: Query) -> None:
    """Adds to ``query`` the thesaurus synonyms, used by the public statutes, of its words that they do not use."""
    if WEIGHT <= 0:
        return
    spread = search_service.term_spread(COLLECTION, Document.Kind.STATUTE)
    if not spread.groups:
        return
    analyzer = get_analyzer()
    own = {term.term for term in analyzer.query_terms(query.retrieval_text())}
    names = {name.casefold() for name in query.names}
    thesaurus = get_thesaurus()
    most = COMMON * spread.groups if spread.groups >= MIN_STATUTES else spread.groups
    found: dict[str, str] = {}  # synonym → its index term
    for word in dict.fromkeys(words(query.text)):
        if len(word) < MIN_LENGTH or word in STOPWORDS or word in names or spread.counts.get(_term(word), 0):
            continue
        for synonym in sorted(thesaurus.synonyms(word)):
            term = _term(synonym)
            if term and term not in own and 0 < spread.counts.get(term, 0) <= most:
                found.setdefault(synonym, term)
                query.bridged.setdefault(word, []).append(synonym)
    if not found:
        return
    query.phrases = [*query.phrases, *found]
    query.synonym_terms = {**query.synonym_terms, **dict.fromkeys(found.values(), WEIGHT)}
    for synonym in found:
        query.extra.setdefault(stem(synonym), WEIGHT)


def _term(word: str) -> str:
    """The index term of a single word; "" for several words or none."""
    tokens = tokenize(word)
    return get_analyzer().word_terms(tokens[0])[0] if len(tokens) == 1 else ""
