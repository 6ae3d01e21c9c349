import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # A real WSGI handler closes the database connection at the end of each request, which
    # on PostgreSQL ends the test's transaction; Django's own test client suspends this too.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
