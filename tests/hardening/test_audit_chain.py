"""The hash-chained audit trail: appends link up under concurrent writers, and every kind of tampering is found at
the record where it happened, by `AuditLog.verify` and by `rapport audit verify`; on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, select, text, update
from typer.testing import CliRunner

from api.cli import app
from assistant.audit import GENESIS, AuditLog, TurnEvent, events, metadata, record_hash
from knowledge.database import make_engine

LANGUAGES = ("en", "lv", "no", "ru", "zh")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL with no audit table yet (PostgreSQL: the module's database, emptied after each test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'audit.sqlite'}"
        return
    postgres_url: str = request.getfixturevalue("postgres_url")
    yield postgres_url
    engine = make_engine(postgres_url)
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS audit_events"))
    engine.dispose()


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    """An engine on that database."""
    engine = make_engine(url)
    yield engine
    engine.dispose()


def turn(number: int, verdict: str = "answered") -> TurnEvent:
    """A turn event of one of the five languages."""
    return TurnEvent(f"advisor-{number % 3}", "advisor", f"C10{number:02d}", f"s{number}", verdict,
                     language=LANGUAGES[number % 5], mode="llm", model="recording-fake", sources=("fees",),
                     hidden={"IBAN": 1, "PERSON": number % 2}, latency_ms=40 + number)


def filled(engine: Engine, turns: int = 5) -> AuditLog:
    """An audit log with `turns` turns and one action after the second turn."""
    log = AuditLog(engine)
    for number in range(1, turns + 1):
        log.record(turn(number))
        if number == 2:
            log.record_action("admin", "admin", "document_uploaded", "doc-fees", {"chunks": 4}, client_id=None)
    return log


def test_appends_form_one_chain_and_read_back(engine: Engine) -> None:
    log = filled(engine)
    log.record_action("ikalnina", "advisor", "note_added", "note-17", {"characters": 120}, client_id="C1001")
    report = log.verify()
    assert report.ok and report.records == 7 and report.legacy == 0
    with engine.connect() as conn:
        rows = conn.execute(select(events).order_by(events.c.id)).mappings().all()
    assert [r["id"] for r in rows] == list(range(1, 8))
    assert rows[0]["prev_hash"] == GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(rows))
    assert all(record_hash(r) == r["hash"] for r in rows)
    assert (report.head_id, report.head_hash) == (7, rows[-1]["hash"])
    assert [e.client_id for e in log.recent(10)] == [f"C10{n:02d}" for n in (5, 4, 3, 2, 1)]  # turns only
    assert log.recent(1)[0] == turn(5)
    note, upload = log.actions(10)
    assert (note.action, note.target, note.details, note.client_id) == ("note_added", "note-17", {"characters": 120},
                                                                        "C1001")
    assert (upload.user_id, upload.role, upload.action, upload.details) == ("admin", "admin", "document_uploaded",
                                                                            {"chunks": 4})
    assert upload.at < note.at


def _change_field(conn: Connection) -> None:
    conn.execute(update(events).where(events.c.id == 3).values(verdict="not_found"))


def _change_body(conn: Connection) -> None:
    body = conn.execute(select(events.c.body).where(events.c.id == 3)).scalar_one()
    assert '"chunks":4' in body  # record 3 is the upload action
    conn.execute(update(events).where(events.c.id == 3).values(body=body.replace('"chunks":4', '"chunks":40')))


def _change_and_rehash(conn: Connection) -> None:  # the forger recomputes the changed record's own hash
    row = dict(conn.execute(select(events).where(events.c.id == 3)).mappings().one())
    row["user_id"] = "someone-else"
    conn.execute(update(events).where(events.c.id == 3).values(user_id="someone-else", hash=record_hash(row)))


def _delete_middle(conn: Connection) -> None:
    conn.execute(events.delete().where(events.c.id == 3))


def _delete_first(conn: Connection) -> None:
    conn.execute(events.delete().where(events.c.id == 1))


def _delete_and_renumber(conn: Connection) -> None:
    conn.execute(events.delete().where(events.c.id == 3))
    for number in (4, 5, 6):
        conn.execute(update(events).where(events.c.id == number).values(id=number - 1))


def _reorder(conn: Connection) -> None:
    conn.execute(update(events).where(events.c.id == 3).values(id=100))
    conn.execute(update(events).where(events.c.id == 4).values(id=3))
    conn.execute(update(events).where(events.c.id == 100).values(id=4))


def _insert(conn: Connection) -> None:  # make room after record 2 and insert a well-formed record there
    for number in (6, 5, 4, 3):
        conn.execute(update(events).where(events.c.id == number).values(id=number + 1))
    row = dict(conn.execute(select(events).where(events.c.id == 2)).mappings().one())
    forged = {**row, "id": 3, "prev_hash": row["hash"], "user_id": "intruder", "verdict": "answered"}
    conn.execute(events.insert().values(**{**forged, "hash": record_hash(forged)}))


def _unhash(conn: Connection) -> None:
    conn.execute(update(events).where(events.c.id == 3).values(hash=None))


TAMPERING: dict[str, tuple[Callable[[Connection], None], int, str]] = {
    "changed field": (_change_field, 3, "changed"),
    "changed body": (_change_body, 3, "changed"),
    "changed and rehashed": (_change_and_rehash, 4, "unlinked"),
    "deleted record": (_delete_middle, 4, "missing"),
    "deleted first record": (_delete_first, 2, "unlinked"),
    "deleted and renumbered": (_delete_and_renumber, 3, "unlinked"),
    "reordered records": (_reorder, 3, "unlinked"),
    "inserted record": (_insert, 4, "unlinked"),
    "hash removed": (_unhash, 3, "changed"),
}


@pytest.mark.parametrize("tamper", list(TAMPERING))
def test_tampering_is_found_at_the_record_where_it_happened(engine: Engine, tamper: str) -> None:
    log = filled(engine)
    assert log.verify().ok
    change, at, problem = TAMPERING[tamper]
    with engine.begin() as conn:
        change(conn)
    report = log.verify()
    assert report.broken is not None and not report.ok
    assert (report.broken.id, report.broken.problem) == (at, problem)


def test_concurrent_writers_never_fork_the_chain(url: str) -> None:
    engines = [make_engine(url) for _ in range(2)]
    logs = [AuditLog(e) for e in engines]  # two instances: no shared lock, as two processes would be
    per_thread, errors = 25, []

    def write(log: AuditLog, worker: int) -> None:
        try:
            for number in range(per_thread):
                if number % 5 == 0:
                    log.record_action(f"w{worker}", "admin", "key_issued", f"key-{worker}-{number}")
                else:
                    log.record(turn(number))
        except Exception as exc:  # reported below, with the thread's own error
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(logs[i % 2], i)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = logs[0].verify()
    assert report.ok and report.records == 4 * per_thread
    assert len(logs[1].actions(1000)) == 4 * 5
    for e in engines:
        e.dispose()


def test_a_database_from_before_the_chain_keeps_its_records_as_an_unhashed_prefix(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text(
            "CREATE TABLE audit_events (id INTEGER PRIMARY KEY, at TIMESTAMP NOT NULL, user_id VARCHAR(128) NOT NULL,"
            " role VARCHAR(16) NOT NULL, client_id VARCHAR(64), session_id VARCHAR(64), verdict VARCHAR(32) NOT NULL,"
            " body TEXT NOT NULL)"
        ))
        for number in (1, 2):
            conn.execute(text("INSERT INTO audit_events VALUES (:id, '2026-01-02 03:04:05', 'anna', 'advisor', "
                              "NULL, NULL, 'answered', :body)"),
                         {"id": number, "body": json.dumps({**turn(number).__dict__, "hidden": {}})})
    log = AuditLog(engine)
    log.record(turn(3))
    report = log.verify()
    assert report.ok and (report.records, report.legacy, report.head_id) == (3, 2, 3)
    assert [e.session_id for e in log.recent(5)] == ["s3", "s2", "s1"]
    with engine.begin() as conn:
        _change_field(conn)
    assert log.verify().broken is not None


def test_rapport_audit_verify(url: str, engine: Engine) -> None:
    filled(engine)
    runner = CliRunner()
    intact = runner.invoke(app, ["audit", "verify", "--json", "--database-url", url])
    assert intact.exit_code == 0, intact.output
    assert json.loads(intact.stdout) | {"head_hash": None} == {
        "ok": True, "records": 6, "legacy": 0, "head_id": 6, "head_hash": None, "broken": None,
    }
    plain = runner.invoke(app, ["audit", "verify", "--database-url", url])
    assert plain.exit_code == 0 and "intact: 6 records" in plain.stdout
    with engine.begin() as conn:
        _delete_middle(conn)
    broken = runner.invoke(app, ["audit", "verify", "--json", "--database-url", url])
    assert broken.exit_code == 1
    assert json.loads(broken.stdout)["broken"] == {"id": 4, "problem": "missing",
                                                   "detail": "record 3 is missing before it (deleted)"}
    plain = runner.invoke(app, ["audit", "verify", "--database-url", url])
    assert plain.exit_code == 1 and "broken at record #4 (missing)" in plain.stderr


def test_rapport_audit_verify_reads_the_configured_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_DATA_DIR", str(tmp_path / "data"))
    engine = make_engine(f"sqlite:///{(tmp_path / 'data' / 'rapport.sqlite').resolve()}")
    filled(engine, turns=2)
    with engine.begin() as conn:
        _change_field(conn)
    engine.dispose()
    result = CliRunner().invoke(app, ["audit", "verify", "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout)["broken"]["id"] == 3


def test_rapport_audit_verify_without_an_audit_trail_is_an_error(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = runner.invoke(app, ["audit", "verify", "--json", "--database-url", f"sqlite:///{tmp_path / 'x.sqlite'}"])
    assert empty.exit_code == 2 and "no audit trail" in json.loads(empty.stdout)["error"]
    down = runner.invoke(app, ["audit", "verify", "--database-url", "postgresql://nobody@127.0.0.1:9/none"])
    assert down.exit_code == 2 and "cannot read the audit trail" in down.stderr
