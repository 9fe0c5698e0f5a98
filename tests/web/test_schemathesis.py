"""Property-based API test: schemathesis generates requests from
/api/openapi.json and checks every response against the schema (no 5xx,
documented status codes and content types, bodies that match)."""
from __future__ import annotations

import pytest

import schemathesis  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

# Loading the schema needs no database: /api/openapi.json is built from code.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_connection():
    """Requests go through the WSGI handler, whose signals would close the
    test's database connection (and its transaction) after each request;
    Django's test client disconnects them the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case, kb, keep_connection):
    case.call_and_validate()
