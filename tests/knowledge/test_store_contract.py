"""The vector-store contract, run on the in-memory fake, embedded Chroma and a Chroma server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from knowledge.chroma_store import ChromaStore
from knowledge.errors import StoreError
from knowledge.types import Chunk, DocumentMeta
from tests.fakes import InMemoryStore
from tests.servers import chroma_server


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


@pytest.fixture(params=["memory", "embedded", "server"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> object:
    if request.param == "memory":
        return InMemoryStore()
    if request.param == "embedded":
        return ChromaStore(collection="contract", path=tmp_path / "chroma")
    url = request.getfixturevalue("chroma_url")
    return ChromaStore(collection=f"contract_{tmp_path.name[-20:]}".replace("-", "_"), url=url)


def _chunk(cid: str, audience: str, language: str = "en") -> Chunk:
    meta = DocumentMeta(cid, cid, audience, language, "p", None, None, f"/docs/{cid}.md")  # type: ignore[arg-type]
    return Chunk(cid, meta, "", f"text {cid}", 0)


def test_query_ranks_by_cosine_and_filters_by_audience(store) -> None:  # type: ignore[no-untyped-def]
    store.upsert([_chunk("pub-a", "public"), _chunk("pub-b", "public"), _chunk("int-a", "internal")],
                 [[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [1.0, 0.01, 0.0]])
    public = store.query([1.0, 0.0, 0.0], k=5, audiences=["public"])
    assert [cid for cid, _ in public] == ["pub-a", "pub-b"]
    assert public[0][1] == pytest.approx(1.0, abs=1e-3) and public[1][1] == pytest.approx(0.6, abs=1e-3)
    both = store.query([1.0, 0.0, 0.0], k=5, audiences=["public", "internal"])
    assert {cid for cid, _ in both} == {"pub-a", "pub-b", "int-a"}
    assert store.query([1.0, 0.0, 0.0], k=5, audiences=[]) == []


def test_query_filters_by_language(store) -> None:  # type: ignore[no-untyped-def]
    store.upsert([_chunk("en", "public", "en"), _chunk("lv", "public", "lv"), _chunk("ru", "public", "ru")],
                 [[1.0, 0.0], [0.9, 0.1], [0.8, 0.2]])
    assert [c for c, _ in store.query([1.0, 0.0], k=5, audiences=["public"], languages=["lv", "ru"])] == ["lv", "ru"]
    assert [c for c, _ in store.query([1.0, 0.0], k=5, audiences=["public"], languages=["en"])] == ["en"]
    assert store.query([1.0, 0.0], k=5, audiences=["public"], languages=[]) == []


def test_filtered_results_are_the_exact_nearest_whether_the_audience_is_common_or_rare(store) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    audiences = ["internal" if i % 60 == 0 else "public" for i in range(300)]  # 5 internal among 300
    languages = ["lv" if i % 3 else "en" for i in range(300)]
    store.upsert([_chunk(f"c{i}", a, lang) for i, (a, lang) in enumerate(zip(audiences, languages, strict=True))],
                 vectors.tolist())
    query = rng.normal(size=8)
    query /= np.linalg.norm(query)
    for wanted, langs, k in ((["public"], ["lv"], 10), (["internal"], None, 3), (["internal"], ["en"], 5)):
        allowed = [i for i in range(300) if audiences[i] in wanted and (langs is None or languages[i] in langs)]
        exact = sorted(allowed, key=lambda i: -float(vectors[i] @ query))[:k]
        found = store.query(query.tolist(), k=k, audiences=wanted, languages=langs)
        assert [cid for cid, _ in found] == [f"c{i}" for i in exact]


def test_upsert_replaces_and_delete_removes(store) -> None:  # type: ignore[no-untyped-def]
    store.upsert([_chunk("a", "public")], [[1.0, 0.0]])
    store.upsert([_chunk("a", "public")], [[0.0, 1.0]])
    assert store.query([0.0, 1.0], k=1, audiences=["public"])[0][1] == pytest.approx(1.0, abs=1e-3)
    store.delete(["a", "never-existed"])
    assert store.query([0.0, 1.0], k=1, audiences=["public"]) == []


def test_unreachable_chroma_server_is_a_store_error() -> None:
    from tests.servers import free_port

    with pytest.raises(StoreError, match="Chroma unavailable"):
        ChromaStore(collection="nothing", url=f"http://127.0.0.1:{free_port()}")
