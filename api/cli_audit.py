"""`rapport audit verify`: walk the hash-chained audit trail and name the first record that does not hold."""

from __future__ import annotations

import json
from typing import Annotated

import typer

# api.cli registers this app while it is still being imported: its helpers are looked up when a command runs.
audit_app = typer.Typer(no_args_is_help=True, help="The audit trail: verify its hash chain.")


@audit_app.command("verify")
def verify(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (a stable contract).")] = False,
    database_url: Annotated[
        str | None, typer.Option(help="Check this database (e.g. a copy) instead of the configured one.")
    ] = None,
) -> None:
    """Check every audit record against its hash and its predecessor; exit 1 at the first changed, deleted,
    reordered or inserted record."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from api.cli import _fail, _settings
    from assistant.audit import AuditLog
    from knowledge.database import make_engine

    url = database_url or _settings().resolved_database_url
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table("audit_events"):
            _fail("this database has no audit trail (no table audit_events)", code=2, as_json=as_json)
        report = AuditLog(engine).verify()
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or type(exc).__name__).splitlines()[0]
        _fail(f"cannot read the audit trail: {reason}", code=2, as_json=as_json)
    finally:
        engine.dispose()
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    elif report.broken is None:
        head = f"; head #{report.head_id} {report.head_hash}" if report.head_id is not None else ""
        legacy = f" ({report.legacy} older unchained records not covered)" if report.legacy else ""
        typer.echo(f"audit chain intact: {report.records} records{legacy}{head}")
    else:
        typer.echo(f"audit chain broken at record #{report.broken.id} ({report.broken.problem}): "
                   f"{report.broken.detail}", err=True)
    if not report.ok:
        raise typer.Exit(1)
