"""End-to-end fixtures: the real small model served by llama.cpp (see tests/servers.py)."""

from __future__ import annotations

from tests.servers import llama_server  # noqa: F401  (a session fixture, shared by the e2e tests)
