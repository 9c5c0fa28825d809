"""Schemathesis against the app's own OpenAPI, in process: no 500 and every response as documented, for an advisor
and an admin, with a bounded, derandomised number of examples per operation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tests.hardening.test_faults_model import running_api

EXAMPLES_PER_OPERATION = 20
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def test_no_server_error_and_every_response_as_documented(tmp_path: Path) -> None:
    # Rate limits high enough for the run; the app is the real one on fake retrieval seams
    with running_api(tmp_path / "data", rate_limit_per_minute=1_000_000) as api:
        app: Any = api.client.app
        keys = [api.auth("advisor-riga"), api.auth("admin-demo")]
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        failures: dict[str, str] = {}
        operations = [result.ok() for result in schema.get_all_operations()]
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def exercise(case: Any) -> None:
                for headers in keys:
                    case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                exercise()
            except (Exception, BaseExceptionGroup) as exc:  # every operation is tried; failures are listed together
                failures[operation.label] = str(exc)[:2000]
        assert len(operations) > 20  # the whole API was exercised
        assert failures == {}
        # Nothing was lost: the index and the sample people are still there
        assert api.client.get("/ready").status_code == 200
