"""A tiny bank for the eval tests: three documents, the sample clients, fakes for the embedder and the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings import Settings
from evals.bank import EvalContext
from tests.conftest import write_doc
from tests.fakes import HashEmbedder, InMemoryStore

FEES = ("# Fees\n\nA SEPA transfer made in the internet bank costs EUR 0.40.\n\n"
        "An incoming international transfer costs EUR 8.00.")
OLD_FEES = ("# Fees 2025\n\nIn 2025, a SEPA transfer made in the internet bank cost EUR 0.50.\n\n"
            "In 2025, an incoming international transfer cost EUR 10.00.")
KYC = "# KYC review cycle\n\nA client with a high risk rating is reviewed every year by the compliance team."


def tiny_bank(root: Path) -> Path:
    """A dataset folder with documents/ only; tests add the suite files they need."""
    docs = root / "documents"
    write_doc(docs, "fees.en.md", FEES, id="fees", effective_date="2026-01-01", supersedes="fees-2025")
    write_doc(docs, "fees-2025.en.md", OLD_FEES, id="fees-2025", effective_date="2025-01-01")
    write_doc(docs, "kyc.en.md", KYC, id="kyc", audience="internal")
    return root


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    """The tiny dataset folder."""
    return tiny_bank(tmp_path / "bank")


@pytest.fixture
def context(tmp_path: Path, bank_dir: Path) -> EvalContext:
    """An eval context over the tiny bank with fakes at the embedder and store seams."""
    return EvalContext(Settings(data_dir=tmp_path / "state"), bank_dir, embedder=HashEmbedder(),
                       store=InMemoryStore())
