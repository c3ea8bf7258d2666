"""Schemathesis against the API's own OpenAPI document: whatever it sends, no 5xx, and every
answer matches the document's schemas, status codes and content types."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_no_generated_request_gets_a_server_error(app, demo):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    tested = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=40,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # The WSGI client decodes no Content-Encoding: ask for the plain body.
            response = case.call(headers={"Accept-Encoding": "identity"})
            case.validate_response(response, checks=CHECKS)

        check()
        tested.append(operation.label)

    assert sorted(tested) == [
        "GET /api/v1/events",
        "GET /api/v1/events/{slug}",
        "POST /api/v1/parse",
    ]
