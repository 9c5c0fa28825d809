"""The Markdown of the scale, recall and API sections of bench/RESULTS.md."""

from __future__ import annotations

from collections.abc import Sequence

from bench import recall, scale
from bench.api_load import LOAD_CLIENTS, LOAD_SESSIONS, LOAD_TURNS
from bench.throughput import REQUESTS


def sections(
    rows: Sequence[scale.ScaleRow], embedding: str, recalls: list[recall.Recall], throughput: list[str],
    load: list[str],
) -> list[str]:
    """Lines of the sections, with their explanations and the plots' links."""
    return [
        "## Retrieval latency at 1k, 10k and 100k chunks\n",
        "A synthetic corpus: embedding 100k passages with e5 on 2 cores would take hours, so the sample bank's "
        "real chunks are followed by copies of its documents whose **real e5 vectors carry small Gaussian noise** "
        f"(σ = {scale.NOISE} per dimension, re-normalised) and whose texts recombine real sentences of the same "
        "language; languages, audiences and translations as in the sample bank. Both sides use the same "
        "Chroma collection (HNSW, cosine). The peer is Chroma's own query with its `where` filter on audience; "
        "ours searches unfiltered for enough neighbours and filters them in memory (the same results; Chroma's "
        "filter only for a rare audience or language), and adds the keyword index, language groups and fusion "
        "(two vector queries, one per language group). "
        f"{len(rows[0].ours)} evaluation questions ({scale.PER_LANGUAGE} per language), query "
        "vectors cached. Corpora are cached under `.rapport/bench` after their first build.\n",
        "| chunks | Rapport p50 ms | Rapport p95 ms | plain Chroma p50 ms | plain Chroma p95 ms | ratio p50 | "
        "ratio p95 | plain Chroma without the audience filter, p50 ms |", "|---|---:|---:|---:|---:|---:|---:|---:|",
        *scale.table(rows), "",
        embedding + " The last column shows where the time goes: Chroma's HNSW search alone stays nearly "
        "flat, while Chroma's metadata filter (`where`) makes its search grow with the number of chunks; "
        "Rapport's p95 at 100k is mostly its keyword index (BM25 over common English words, up to 80 ms there).\n",
        "![Retrieval latency versus corpus size](latency_vs_corpus.png)\n",
        "## Recall (hit@5) per language\n",
        "Rapport as `rapport eval retrieval` scores it (tuned set `evals/data`, held-out set "
        "`evals/data/holdout`); plain Chroma's top 5 on the same index and vectors, scored the same way.\n",
        *recall.table(recalls), "",
        "![Recall per language](recall_per_language.png)\n",
        f"## API throughput (uvicorn on loopback, extractive mode, sample bank; {REQUESTS} requests a level)\n",
        "The server runs in its own process; the clients are threads of the bench process, each sending its next "
        "question when the previous answer arrived. Questions rotate over five languages.\n",
        "| concurrent clients | requests | requests/s | p50 ms | p95 ms | errors |",
        "|---:|---:|---:|---:|---:|---:|", *throughput, "",
        "## Load without cross-talk\n",
        f"{LOAD_SESSIONS} sessions of {LOAD_TURNS} turns, {LOAD_CLIENTS} at a time, on the same server in llm mode "
        "with a stand-in model that echoes the question's placeholders (so every answer is restored from the vault "
        "while other sessions write to it). Advisors of both teams ask about clients of their own portfolio by "
        "name and IBAN; clients ask about themselves. Checked: no other client's identifier in any response, "
        "stored turn or vault entry of a session; each answer shows its own client's name and IBAN; every turn "
        "stored in its own session (`tests/hardening/test_load.py` runs the same checks on every `make test`).\n",
        "| sessions | turns | concurrent | turns/s | p50 ms | p95 ms | errors | cross-talk findings |",
        "|---|---:|---:|---:|---:|---:|---:|---:|", *load, "",
    ]
