"""A database connection killed in the middle of an upload leaves no partial write, and the file
it had already stored is removed by the sweep (a Celery beat task and a management command)."""

from __future__ import annotations

import io
import os
import time
from datetime import timedelta

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client

from cases import services
from cases.models import CaseDocument, CaseEvent, EventKind
from portal.orphans import orphan_files_sweep
from tests import files
from tests.cases.factories import make_case
from tests.paths import app_url


@pytest.fixture
def private_dir(tmp_path, settings):
    """Every stored file in this test's own folders, so that the sweep sees nothing else."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


def _stored(folder) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(root, name), folder)
        for root, _dirs, names in os.walk(folder)
        for name in names
    )


def _terminate(pid: int) -> None:
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_killed_mid_upload_leaves_no_row_and_the_sweep_removes_its_file(
    private_dir, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("terminating a backend needs PostgreSQL")
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.create_user(
        username="aino@example.fi", email="aino@example.fi", password="x"
    )
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    case = make_case(parties=[resident.email])
    kept = services.document_store(
        case=case,
        event=None,
        upload=SimpleUploadedFile("vanha.pdf", files.pdf(), "application/pdf"),
        user=resident,
    )
    request_event, _ = services.case_record_event(
        case=case, kind="info_request", actor_name="t", note={"fi": "Liite?"}
    )
    events_before = CaseEvent.objects.filter(case=case).count()

    # The moment the file is written, another connection kills this request's backend: the
    # row that would name the file can never be committed.
    storage = CaseDocument._meta.get_field("file").storage
    save = storage._save

    def save_then_lose_the_database(name, content):
        stored = save(name, content)
        _terminate(connection.connection.info.backend_pid)
        return stored

    client = Client(raise_request_exception=False)
    client.force_login(resident)
    with monkeypatch.context() as patch:
        patch.setattr(storage, "_save", save_then_lose_the_database)
        response = client.post(
            app_url("cases:info_request_answer", case.pk, request_event.pk),
            {"text": "Tässä.", "documents": SimpleUploadedFile("uusi.pdf", files.pdf(), "a/b")},
        )
    assert response.status_code == 500
    connection.close()

    # Nothing of the answer was written: no document, no event, the request still open.
    assert list(CaseDocument.objects.filter(case=case)) == [kept]
    assert CaseEvent.objects.filter(case=case).count() == events_before
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.INFO_RESPONSE).exists()
    request_event.refresh_from_db()
    assert request_event.answered_at is None
    # ... but the file was: an orphan.
    stored = _stored(private_dir)
    assert len(stored) == 2 and kept.file.name in stored
    orphan = next(name for name in stored if name != kept.file.name)

    # Within the grace period the sweep leaves it (it could belong to a request in progress).
    assert orphan_files_sweep() == []
    # Once it is older than the grace period, the sweep removes it and only it.
    past = time.time() - 2 * 24 * 3600
    os.utime(private_dir / orphan, (past, past))
    os.utime(private_dir / kept.file.name, (past, past))
    out = io.StringIO()
    call_command("sweep_orphan_files", stdout=out)
    assert orphan in out.getvalue() and "1 file(s) removed." in out.getvalue()
    assert _stored(private_dir) == [kept.file.name]


@pytest.mark.django_db
def test_sweep__dry_run_only_lists_and_the_beat_schedule_runs_it(private_dir, settings):
    (private_dir / "cases").mkdir(parents=True)
    orphan = private_dir / "cases" / "lost.pdf"
    orphan.write_bytes(files.pdf())
    assert orphan_files_sweep(grace=timedelta(0), dry_run=True) == ["cases/lost.pdf"]
    assert orphan.exists()
    assert orphan_files_sweep(grace=timedelta(0)) == ["cases/lost.pdf"]
    assert not orphan.exists()
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "portal.sweep_orphan_files" in schedule
