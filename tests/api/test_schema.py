"""schemathesis against the app's own OpenAPI schema: no generated request gets a 500.

Driven by hand (one Hypothesis run per operation) rather than through schemathesis'
pytest plugin, whose `from_fixture` does not work with the pytest installed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from hodo.api import create_app

EXAMPLES = 40


def test_no_generated_request_gets_a_server_error(sample_store: Path) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(sample_store))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    failures: list[str] = []
    calls = 0
    for op in operations:

        @given(case=op.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def run(case) -> None:  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            response = case.call()
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.path} {case.path_parameters} {case.query}: {response.text[:200]}"
                )

        run()
    if failures:
        pytest.fail("\n".join(failures[:10]))
    assert calls >= 10 * len(operations)
