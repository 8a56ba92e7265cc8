"""Contract tests: schemathesis generates requests from our own OpenAPI document and checks that
no answer is a 5xx, and that every answer's status, content type and body match the document.

One test per operation of the document, each running schemathesis' Hypothesis strategy for
it (schemathesis' pytest plugin is not used: its lazy loader fails under pytest 9)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from touchline import KnowledgeBase
from touchline.serve import api
from touchline.serve.app import create_app

OPERATIONS = sorted((method, route.path) for route in api.router.routes
                    for method in getattr(route, "methods", ()) if method != "HEAD")
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def api_schema(demo_db: str) -> Iterator[Any]:
    # POST /api/articles is off here (no token): its 403 is in the contract too; posting itself is
    # tested in test_api.py.
    with KnowledgeBase(demo_db) as kb:
        yield schemathesis.openapi.from_asgi("/openapi.json", create_app(kb, api_token=""))


def test_every_operation_is_tested(api_schema: Any) -> None:
    documented = sorted((m.upper(), p) for p, ops in api_schema.raw_schema["paths"].items() for m in ops)
    assert documented == OPERATIONS


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_contract(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    run()


def test_posting_articles_contract(tmp_path: Any) -> None:
    """With the token on, generated JSON bodies (articles or lists of them) are added or refused with
    a documented 4xx, never a 5xx, into a knowledge base of their own."""
    with KnowledgeBase(str(tmp_path / "posted.db")) as kb:
        schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(kb, api_token="contract"))
        operation = schema["/api/articles"]["POST"]

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case: Any) -> None:
            case.call_and_validate(headers={"Authorization": "Bearer contract"}, checks=CHECKS)

        run()
        assert kb.stats().articles >= 1
