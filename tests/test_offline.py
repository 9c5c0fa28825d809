"""Nothing is fetched at run time: a fresh ingest and turn run with every non-loopback connection blocked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import write_doc

BLOCKER = '''
import socket, os
_log = os.environ["RAPPORT_TEST_BLOCK_LOG"]
_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")
def _note(what):
    with open(_log, "a") as f:
        f.write(repr(what) + "\\n")
def _host(address):
    return str(address[0]) if isinstance(address, tuple) else str(address)
_connect = socket.socket.connect
def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _host(address).startswith(_LOCAL):
        _note(("connect", address))
        raise OSError("network blocked by test")
    return _connect(self, address)
socket.socket.connect = connect
_getaddrinfo = socket.getaddrinfo
def getaddrinfo(host, *args, **kwargs):
    if host is not None and not str(host).startswith(_LOCAL):
        _note(("resolve", host))
        raise socket.gaierror("name resolution blocked by test")
    return _getaddrinfo(host, *args, **kwargs)
socket.getaddrinfo = getaddrinfo
'''


def test_a_fresh_ingest_and_turn_attempt_no_outbound_connection(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    log = tmp_path / "blocked.log"
    docs = tmp_path / "docs"
    write_doc(docs, "fees.md", "# Fees\n\nA SEPA transfer costs EUR 0.40. Contact info@nordlys.example.", id="fees")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAPPORT_", "TLDEXTRACT", "ANONYMIZED", "HF_"))}
    env.update(PYTHONPATH=str(tmp_path / "site"), RAPPORT_DATA_DIR=str(tmp_path / "data"),
               RAPPORT_TEST_BLOCK_LOG=str(log))

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "api", *args], input=stdin, capture_output=True, text=True,
                              env=env, timeout=300)

    ingested = run("ingest", str(docs), "--json")
    assert ingested.returncode == 0, ingested.stderr
    assert json.loads(ingested.stdout)["added"] == 1
    asked = run("ask", "Cik maksā SEPA pārskaitījums?", "--json")
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["citations"][0]["title"] == "fees.md"
    redacted = run("redact", "--lang", "lv", "--json", stdin="Rakstiet uz janis.berzins@example.lv\n")
    assert redacted.returncode == 0, redacted.stderr
    assert json.loads(redacted.stdout)["entities"][0]["type"] == "EMAIL"
    assert not log.exists() or log.read_text() == "", log.read_text()
