"""Retrieval filters by audience, prefers the version in force and the asker's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assistant.container import Rapport
from knowledge.retrieval import RetrievalQuery
from tests.conftest import write_doc


def _ids(rapport: Rapport, text: str, audiences: tuple[str, ...], language: str = "en", **kw: object) -> list[str]:
    passages = rapport.retriever.retrieve(RetrievalQuery(text, audiences, language, k=5, **kw)).passages  # type: ignore[arg-type]
    return [f"{p.chunk.meta.doc_id}.{p.chunk.meta.language}" for p in passages]


def test_a_client_never_retrieves_an_internal_document(fake_rapport: Rapport, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_doc(docs, "fees.md", "# Fees\n\nA transfer costs EUR 1.", id="fees")
    write_doc(docs, "secret.md", "# Transfer policy\n\nTransfer costs transfer internal margin.", id="secret",
              audience="internal")
    (docs / "unlabelled.txt").write_text("Transfer costs for staff only.", encoding="utf-8")  # internal by default
    fake_rapport.ingestor.ingest([docs])
    assert _ids(fake_rapport, "transfer costs", ("public",)) == ["fees.en"]
    assert set(_ids(fake_rapport, "transfer costs", ("public", "internal"))) == {
        "fees.en", "secret.en", "unlabelled.en"}


def test_the_version_in_force_wins_over_the_one_it_supersedes(fake_rapport: Rapport, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_doc(docs, "fees-2025.md", "# Fees\n\nAn international transfer costs EUR 15 plus 0.25 percent.",
              id="fees-2025", effective_date="2025-01-01")
    write_doc(docs, "fees-2026.md", "# Fees\n\nThe international transfer fee is EUR 10.",
              id="fees", effective_date="2026-01-01", supersedes="fees-2025")
    fake_rapport.ingestor.ingest([docs])
    query = "international transfer costs EUR 15 plus 0.25 percent"  # worded like the old version
    assert _ids(fake_rapport, query, ("public",), today=dt.date(2026, 6, 1))[0] == "fees.en"
    # Before the new version takes effect, the old one is still the one in force.
    assert _ids(fake_rapport, query, ("public",), today=dt.date(2025, 6, 1))[0] == "fees-2025.en"


def test_one_language_version_per_document_preferring_the_askers(fake_rapport: Rapport, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_doc(docs, "fees.en.md", "# Fees\n\nSEPA transfer EUR 0.40.", id="fees")
    write_doc(docs, "fees.lv.md", "# Maksas\n\nSEPA pārskaitījums EUR 0.40.", id="fees", language="lv")
    write_doc(docs, "cards.en.md", "# Cards\n\nSEPA cards.", id="cards")
    fake_rapport.ingestor.ingest([docs])
    got = _ids(fake_rapport, "SEPA transfer EUR", ("public",), language="lv")
    assert "fees.lv" in got and "fees.en" not in got
    assert "cards.en" in got  # no Latvian version: the English one still serves
