"""Shared fixtures. Network is blocked except loopback (pytest-socket, see pyproject addopts)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import make_url, text

from assistant.container import Rapport, build
from assistant.settings import Settings
from knowledge.database import make_engine
from tests.fakes import HashEmbedder, InMemoryStore

# CI runs the same examples every time (a red build means a regression, not a newly drawn case); local runs keep
# drawing new ones, which is how new leaks are found.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
os.environ["ANONYMIZED_TELEMETRY"] = "False"

REPO = Path(__file__).resolve().parent.parent
SAMPLE_BANK = REPO / "knowledge" / "sample_bank" / "documents"
TEST_LOG = REPO / ".rapport" / "test-logs" / "pytest.log"


def pytest_configure(config: pytest.Config) -> None:
    """Every log record of the run, DEBUG and up from every logger, goes to one file; after the tests
    `python -m evals.log_scan` checks it for client identifiers. A run that names its own --log-file keeps it."""
    if not (config.getoption("log_file", None) or config.getini("log_file")):
        TEST_LOG.parent.mkdir(parents=True, exist_ok=True)
        config.option.log_file = str(TEST_LOG)
    if not (config.getoption("log_file_level", None) or config.getini("log_file_level")):
        config.option.log_file_level = "DEBUG"
    from uvicorn.config import LOGGING_CONFIG

    for logger in LOGGING_CONFIG["loggers"].values():  # uvicorn's own handlers stop its records at its loggers
        logger["propagate"] = True


def write_doc(folder: Path, name: str, body: str, **front: object) -> Path:
    """A Markdown document with front matter."""
    meta = {"title": name, "audience": "public", "language": "en", "product": "test", **front}
    head = "\n".join(f"{k}: {v}" for k, v in meta.items())
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{head}\n---\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with all state in a temporary folder."""
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def fake_rapport(settings: Settings) -> Iterator[Rapport]:
    """Rapport with a hash embedder and an in-memory store (real catalog, Presidio, SQLite)."""
    rapport = build(settings, embedder=HashEmbedder(), store=InMemoryStore())
    yield rapport
    rapport.close()


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the sample bank on the real embedder and embedded Chroma, shared by the whole run.

    The index is the run's own; the embedding cache is the project's (content-addressed, so sharing it is safe):
    `make run` and the eval gates after the tests find the sample bank already embedded.
    """
    data = tmp_path_factory.mktemp("sample") / "data"
    return Settings(data_dir=data, embedding_cache=REPO / ".rapport" / "embeddings.sqlite")


@pytest.fixture(scope="session")
def sample_rapport(sample_settings: Settings) -> Iterator[Rapport]:
    """The sample bank ingested once on the real stack (e5 + Chroma + SQLite)."""
    rapport = build(sample_settings)
    report = rapport.ingestor.ingest([SAMPLE_BANK])
    assert not report.failed, report.failed
    yield rapport
    rapport.close()


POSTGRES_URL = os.environ.get("RAPPORT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A database of its own for this run, dropped at the end."""
    admin = make_engine(POSTGRES_URL).execution_options(isolation_level="AUTOCOMMIT")
    name = f"rapport_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
