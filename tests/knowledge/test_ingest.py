"""Ingestion is idempotent, reports bad files without stopping, and never loses the previous good version."""

from __future__ import annotations

from pathlib import Path

from assistant.container import Rapport
from tests.conftest import write_doc


def _texts(rapport: Rapport) -> set[str]:
    return {rapport.catalog.chunk(cid).text for d in rapport.catalog.documents() for cid in d.chunk_ids}  # type: ignore[union-attr]


def test_add_unchanged_change_delete(fake_rapport: Rapport, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_doc(docs, "a.md", "# A\n\nAlpha fee is EUR 1.")
    write_doc(docs, "b.md", "# B\n\nBeta fee is EUR 2.")
    first = fake_rapport.ingestor.ingest([docs])
    assert (first.added, first.updated, first.unchanged, first.deleted, first.failed) == (2, 0, 0, 0, [])
    assert first.chunks == 2

    calls = fake_rapport.embedder._inner.calls  # type: ignore[attr-defined]
    again = fake_rapport.ingestor.ingest([docs])
    assert (again.added, again.updated, again.unchanged, again.deleted, again.chunks) == (0, 0, 2, 0, 0)
    assert fake_rapport.embedder._inner.calls == calls  # type: ignore[attr-defined]  # nothing re-embedded

    write_doc(docs, "a.md", "# A\n\nAlpha fee is now EUR 3.")
    (docs / "b.md").unlink()
    write_doc(docs, "c.md", "# C\n\nGamma.")
    changed = fake_rapport.ingestor.ingest([docs])
    assert (changed.added, changed.updated, changed.unchanged, changed.deleted) == (1, 1, 0, 1)
    assert _texts(fake_rapport) == {"Alpha fee is now EUR 3.", "Gamma."}
    assert fake_rapport.store.count() == 2  # type: ignore[attr-defined]  # old vectors gone too


def test_a_corrupt_file_is_reported_and_the_rest_go_on(fake_rapport: Rapport, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_doc(docs, "good.md", "# Good\n\nStill indexed.")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    (docs / "latin1.txt").write_bytes("Maksa ir 5 \xe2\x82\xac".encode("cp1257", errors="replace") + b"\xff")
    report = fake_rapport.ingestor.ingest([docs, tmp_path / "missing-folder"])
    assert report.added == 1
    failed = {Path(f["path"]).name: f["error"] for f in report.failed}
    assert set(failed) == {"broken.pdf", "latin1.txt", "missing-folder"}
    assert "UTF-8" in failed["latin1.txt"] and "no such file" in failed["missing-folder"]
    assert _texts(fake_rapport) == {"Still indexed."}


def test_a_changed_file_that_no_longer_parses_keeps_its_last_version(fake_rapport: Rapport, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    path = write_doc(docs, "a.md", "# A\n\nThe good text.")
    fake_rapport.ingestor.ingest([docs])
    path.write_text("---\naudience: [broken\n---\nnew text", encoding="utf-8")
    report = fake_rapport.ingestor.ingest([docs])
    assert report.failed and report.updated == 0 and report.deleted == 0
    assert _texts(fake_rapport) == {"The good text."}


def test_progress_reports_every_file(fake_rapport: Rapport, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for i in range(3):
        write_doc(docs, f"d{i}.md", f"# D{i}\n\nText {i}.")
    seen: list[tuple[int, int]] = []
    fake_rapport.ingestor.ingest([docs], progress=lambda name, done, total, chunks: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_second_process_sees_what_the_first_ingested(fake_rapport: Rapport, tmp_path: Path) -> None:
    from knowledge.catalog import Catalog

    other = Catalog(fake_rapport.engine)  # another worker on the same database
    assert other.documents() == []
    write_doc(tmp_path / "docs", "a.md", "# A\n\nShared.")
    fake_rapport.ingestor.ingest([tmp_path / "docs"])
    assert [d.meta.title for d in other.documents()] == ["a.md"]
    assert other.keywords.search("shared", k=1, audiences=["public"])
