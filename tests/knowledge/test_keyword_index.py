"""The keyword index is BM25, updated incrementally, filtered by audience."""

from __future__ import annotations

from knowledge.keyword_index import KeywordIndex


def test_bm25_prefers_rarer_shared_terms_and_respects_audience() -> None:
    index = KeywordIndex()
    index.add("fees", "International transfer fee EUR 10 plus 0.20 percent", "public")
    index.add("cards", "Card fee EUR 30 per year", "public")
    index.add("policy", "International transfer approval policy", "internal")
    hits = index.search("international transfer", k=5, audiences=["public"])
    assert [cid for cid, _ in hits] == ["fees"]
    assert next(cid for cid, _ in index.search("international", k=5, audiences=["public", "internal"])) in {
        "fees", "policy"}


def test_incremental_add_replace_remove() -> None:
    index = KeywordIndex()
    index.add("a", "pārskaitījums maksā", "public")
    assert index.search("parskaitijuma", k=5, audiences=["public"])  # folded and stemmed
    index.add("a", "something else", "public")
    assert index.search("parskaitijuma", k=5, audiences=["public"]) == []
    index.add("b", "国际转账手续费", "public")
    assert index.search("转账", k=5, audiences=["public"])[0][0] == "b"
    index.remove_many(["a", "b"])
    assert len(index) == 0 and index.search("转账", k=5, audiences=["public"]) == []
