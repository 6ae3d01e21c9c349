"""Files on an S3-compatible bucket (several web hosts): private objects, served only through the
portal's permission checks, nothing left on the web host's disk. Against moto's S3 server on a
free port."""

from __future__ import annotations

import os
import random
from datetime import timedelta

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cases import services
from cases.models import CaseDocument
from portal.orphans import orphan_files_sweep
from tests import files
from tests.cases.factories import make_case
from tests.paths import app_url

BUCKET = "kunta-portal"
PUBLIC_GRANTEES = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, tmp_path):
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-north-1",
        aws_access_key_id="portal",
        aws_secret_access_key="portal-secret",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_server,
        "region_name": "eu-north-1",
        "access_key": "portal",
        "secret_key": "portal-secret",
        "default_acl": None,
        "file_overwrite": False,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "location": "media"},
        },
        "private": {
            "BACKEND": "portal.s3.PrivateS3Storage",
            "OPTIONS": {**options, "location": "private"},
        },
    }
    # The web host's own folders, which must stay empty.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "spool")
    os.mkdir(settings.FILE_UPLOAD_TEMP_DIR)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def people(db):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    made = {}
    for email in ("aino@example.fi", "erik@example.fi"):
        user = get_user_model().objects.create_user(username=email, email=email, password="x")
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        made[email.split("@")[0]] = user
    return made


def _keys(client) -> list[str]:
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_s3__upload_download_deny_and_delete(bucket, people, tmp_path, settings):
    aino, erik = people["aino"], people["erik"]
    case = make_case(parties=[aino.email])
    request_event, _ = services.case_record_event(
        case=case, kind="info_request", actor_name="t", note={"fi": "Liite?"}
    )
    # 3 MB: more than Django keeps in memory, so it is spooled to FILE_UPLOAD_TEMP_DIR first.
    noise = random.Random(3).randbytes(3 * 1024 * 1024)
    content = files.ooxml("docx", extra={"word/media/kuva.bin": noise})
    client = Client()
    client.force_login(aino)
    response = client.post(
        app_url("cases:info_request_answer", case.pk, request_event.pk),
        {"text": "Liite.", "documents": SimpleUploadedFile("liite.docx", content)},
    )
    assert response.status_code == 302

    document = case.documents.get()
    key = f"private/{document.file.name}"
    assert _keys(bucket) == [key]
    # No public grant on the object, and the portal gives it no address of its own.
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert not [g for g in grants if g["Grantee"].get("URI") in PUBLIC_GRANTEES]
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 - the attribute access is what is tested
    # Nothing on this host's disk: not the file, not the spooled upload.
    assert not os.path.exists(settings.PRIVATE_MEDIA_ROOT)
    assert os.listdir(settings.FILE_UPLOAD_TEMP_DIR) == []

    # The party downloads it through the permission-checking view ...
    download = client.get(app_url("cases:document", case.pk, document.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"] == 'attachment; filename="liite.docx"'
    assert download["X-Content-Type-Options"] == "nosniff"
    # ... another resident gets a 404, as for a document that does not exist.
    other = Client()
    other.force_login(erik)
    assert other.get(app_url("cases:document", case.pk, document.pk)).status_code == 404
    assert Client().get(app_url("cases:document", case.pk, document.pk)).status_code in (302, 404)

    # Deleted: its row goes, and the sweep removes the object no row names any more.
    CaseDocument.objects.filter(pk=document.pk).delete()
    assert orphan_files_sweep(grace=timedelta(hours=1)) == []
    assert orphan_files_sweep(grace=timedelta(0)) == [document.file.name]
    assert _keys(bucket) == []


def test_s3__an_agenda_items_attachment_is_stored_in_the_bucket(bucket, db):
    from decisions import services as decision_services
    from tests.decisions.factories import AgendaItemFactory

    attachment = decision_services.attachment_save(
        item=AgendaItemFactory(),
        title={"fi": "Kartta"},
        file=SimpleUploadedFile("kartta.pdf", files.pdf("Kartta"), "application/pdf"),
    )
    assert _keys(bucket) == [f"private/decisions/{attachment.file.name}"]
    with attachment.file.open("rb") as stored:
        assert stored.read() == files.pdf("Kartta")
