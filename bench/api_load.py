"""The API under load, on loopback against a real server process over the ingested sample bank: throughput at
1, 8 and 32 concurrent clients (extractive mode), then many concurrent sessions checked for cross-talk."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from assistant.dev_users import seed_dev_users
from assistant.users import UserStore
from assistant.vault_keys import vault_keys
from bench.crosstalk import check_vault, drive, plan
from bench.serve import api_server, bench_settings
from bench.stats import pct
from bench.throughput import run_throughput, table
from guardrails.vault import Vault
from knowledge.database import make_engine
from knowledge.profile_store import ProfileStore

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = ROOT / "knowledge" / "sample_bank"
LOAD_SESSIONS, LOAD_TURNS, LOAD_CLIENTS = 48, 5, 16


def api_rows(ingested: Path, cache: Path, workdir: Path) -> tuple[list[str], list[str]]:
    """Markdown rows for the throughput table and the cross-talk table.

    The server gets a copy of the ingested data dir (the bench process keeps its own Chroma client on the original),
    with the sample bank's teams, advisors and clients and the development users added.
    """
    data = workdir / "api"
    shutil.copytree(ingested, data)
    settings = bench_settings(data, cache)
    engine = make_engine(settings.resolved_database_url)
    profiles, users = ProfileStore(engine), UserStore(engine)
    profiles.import_teams_jsonl(PEOPLE / "teams.jsonl")
    profiles.import_advisors_jsonl(PEOPLE / "advisors.jsonl")
    profiles.import_jsonl(PEOPLE / "clients.jsonl")
    keys = {user.user_id: key for user, key in seed_dev_users(users, profiles)}
    advisor = next(k for user_id, k in keys.items() if user_id.startswith("advisor-"))
    conversations = plan(profiles, users, sessions=LOAD_SESSIONS, turns=LOAD_TURNS)
    vault = Vault(engine, keys=vault_keys(settings))  # made before the servers start, so they share its key
    try:
        with api_server(data, cache) as url:
            levels = run_throughput(url, advisor)
        with api_server(data, cache, echo=True) as url:
            report = drive(url, conversations, threads=LOAD_CLIENTS, expect_echo=True)
        check_vault(vault, report)
    finally:
        engine.dispose()
    roles = {c.role for c in conversations}
    teams = {c.client.team for c in conversations if c.role == "advisor"}
    languages = sorted({c.client.preferred_language for c in conversations})
    load = [
        f"| {len(report.sessions)} of {LOAD_SESSIONS} ({' + '.join(sorted(roles))}; {len(teams)} teams; "
        f"{', '.join(languages)}) | {report.turns} | {LOAD_CLIENTS} | {report.turns / report.seconds:.1f} | "
        f"{statistics.median(report.latencies_ms):.0f} | {pct(report.latencies_ms, 95):.0f} | {len(report.errors)} | "
        f"{len(report.violations)} |",
    ]
    for problem in (report.errors + report.violations)[:5]:
        load.append(f"| ↳ {problem} | | | | | | | |")
    return table(levels), load
