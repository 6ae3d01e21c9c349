"""Uploads: the type comes from the content, the content must parse completely as that type, every
check is bounded, the stored name's extension is the detected type's, and an optional virus
scanner (clamd) refuses infected files."""

from __future__ import annotations

import socket
import struct
import threading
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from cases import services
from cases.models import Status
from portal.uploads import KINDS, UploadRefused, upload_inspect
from tests import files
from tests.cases.factories import make_case
from tests.paths import app_url

EVERY_KIND = tuple(KINDS)


def inspect(name: str, data: bytes, accept=EVERY_KIND, max_bytes: int = 20 * 1024 * 1024):
    return upload_inspect(
        SimpleUploadedFile(name, data),
        accept=accept,
        max_bytes=max_bytes,
        wrong_type_message="“%(name)s” is of a wrong type.",
    )


@pytest.mark.parametrize("kind", sorted(files.VALID))
def test_upload_inspect__accepts_a_real_file_of_every_kind(kind):
    assert inspect(f"file.{kind}", files.VALID[kind]()).key == kind


HOSTILE = {
    # 1 MB that inflates to 1 GiB, declared honestly in the directory.
    "zip bomb (docx)": ("bomb.docx", lambda: files.zip_bomb("docx"), "too_complex"),
    "zip bomb (odt)": ("bomb.odt", lambda: files.zip_bomb("odt"), "too_complex"),
    "zip bomb (xlsx)": ("bomb.xlsx", lambda: files.zip_bomb("xlsx"), "too_complex"),
    # The same bomb declaring its part 1 kB large: streamed, capped, refused by its checksum.
    "lying zip bomb": ("lie.docx", lambda: files.zip_bomb("docx", lie=True), "damaged"),
    "5000 entries": ("many.docx", files.many_entries, "too_complex"),
    "10-gigapixel png": ("huge.png", files.pixel_bomb, "too_complex"),
    # ODF's mimetype entry is exact: padded with spaces it is no ODT at all.
    "odt mimetype padded": (
        "padded.odt",
        lambda: files.odf("odt", mimetype=b"application/vnd.oasis.opendocument.text   "),
        "file_type",
    ),
    "odt mimetype deflated": ("deflated.odt", lambda: files.odf("odt", stored=False), "damaged"),
    "macro-enabled docx": (
        "macro.docx",
        lambda: files.ooxml(
            "docx", main_type="application/vnd.ms-word.document.macroEnabled.main+xml"
        ),
        "damaged",
    ),
    "docx with broken xml": (
        "broken.docx",
        lambda: files.ooxml("docx", extra={"word/styles.xml": b"<w:styles><unclosed>"}),
        "damaged",
    ),
    "docx with an entity bomb": (
        "entities.docx",
        lambda: files.ooxml(
            "docx",
            extra={
                "word/settings.xml": b'<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><a>&b;</a>'
            },
        ),
        "damaged",
    ),
    "zip without a known structure": ("plain.docx", lambda: _zip_of({"a.txt": b"x"}), "file_type"),
    "truncated pdf": ("half.pdf", lambda: files.pdf()[: len(files.pdf()) // 2], "damaged"),
    "pdf header only": ("head.pdf", lambda: b"%PDF-1.4\n%%EOF\n", "damaged"),
    "truncated png": ("half.png", lambda: files.png()[:60], "damaged"),
    "truncated jpeg": ("half.jpg", lambda: files.jpeg()[:200], "damaged"),
    "truncated docx": ("half.docx", lambda: files.docx()[:400], "damaged"),
    "windows executable": ("setup.pdf", lambda: b"MZ\x90\x00" + bytes(100), "file_type"),
    "empty": ("empty.pdf", lambda: b"", "empty"),
}


def _zip_of(entries: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_upload_inspect__refuses_hostile_and_broken_files(case):
    name, make, code = HOSTILE[case]
    with pytest.raises(UploadRefused) as refused:
        inspect(name, make())
    assert refused.value.code == code
    assert name in refused.value.messages[0]


def test_upload_inspect__refuses_by_size_before_reading():
    class Unreadable(SimpleUploadedFile):
        def read(self, *args):
            raise AssertionError("read a file that is too large")

    upload = Unreadable("big.pdf", b"")
    upload.size = 11 * 1024 * 1024
    with pytest.raises(UploadRefused) as refused:
        upload_inspect(upload, accept=["pdf"], max_bytes=10 * 1024 * 1024, wrong_type_message="")
    assert refused.value.code == "too_large"


def test_upload_inspect__a_zip_bomb_costs_little_memory():
    bomb = files.zip_bomb("docx", lie=True)
    tracemalloc.start()
    try:
        with pytest.raises(UploadRefused):
            inspect("bomb.docx", bomb)
        with pytest.raises(UploadRefused):
            inspect("bomb.docx", files.zip_bomb("docx"))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The bomb inflates to 1 GiB; the check never holds more than a few chunks of it.
    assert peak < 4 * 1024 * 1024, peak


def test_upload_inspect__polyglots_are_stored_as_what_they_start_as():
    assert inspect("sivu.html", files.polyglot_pdf_html()).key == "pdf"
    assert inspect("kuva.docx", files.polyglot_jpeg_zip()).key == "jpeg"


# --- Through the resident's page -----------------------------------------------------------------


@pytest.fixture
def resident(db):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username="aino@example.fi", email="aino@example.fi", password="x"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _answer(resident, upload, *, lang="fi", text="Tässä liite."):
    case = make_case(parties=[resident.email])
    request_event, _ = services.case_record_event(
        case=case, kind="info_request", actor_name="t", note={"fi": "Liite?"}
    )
    client = Client()
    client.force_login(resident)
    response = client.post(
        app_url("cases:info_request_answer", case.pk, request_event.pk, lang=lang),
        {"text": text, "documents": upload},
    )
    return case, client, response


@pytest.mark.parametrize("name", ["ohje.cmd", "ohje.html", "ohje"])
def test_info_answer__a_pdf_under_another_name_is_stored_and_served_as_pdf(resident, name):
    case, client, response = _answer(
        resident, SimpleUploadedFile(name, files.polyglot_pdf_html(), "text/html")
    )
    assert response.status_code == 302
    document = case.documents.get()
    assert document.file.name.endswith(".pdf")
    assert document.name == "ohje.pdf"
    assert document.content_type == "application/pdf"

    download = client.get(app_url("cases:document", case.pk, document.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="ohje.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "on vioittunut tai se ei ole ehjä DOCX-tiedosto"),
        ("sv", "är skadad eller inte en hel DOCX-fil"),
        ("en", "is damaged or not a complete DOCX file"),
    ],
)
def test_info_answer__a_broken_file_is_refused_in_the_users_language_keeping_the_text(
    resident, lang, expected
):
    case, _client, response = _answer(
        resident,
        SimpleUploadedFile("liite.docx", files.docx()[:400], "application/octet-stream"),
        lang=lang,
        text="Lisätietoja rakennuslupaan.",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert expected in page
    assert "Lisätietoja rakennuslupaan." in page
    case.refresh_from_db()
    assert case.status == Status.WAITING_FOR_YOU
    assert case.documents.count() == 0


def test_info_answer__a_zip_bomb_is_refused(resident):
    case, _client, response = _answer(
        resident, SimpleUploadedFile("pommi.docx", files.zip_bomb("docx"), "application/zip")
    )
    assert response.status_code == 400
    assert "on avattuna liian suuri" in response.content.decode()
    assert case.documents.count() == 0


# --- Agenda item attachments and the CMS's documents and images ----------------------------------


def test_attachment_save__stores_a_pdf_under_its_detected_extension(db):
    from decisions import services as decision_services
    from tests.decisions.factories import AgendaItemFactory

    item = AgendaItemFactory()
    attachment = decision_services.attachment_save(
        item=item,
        title={"fi": "Kartta"},
        file=SimpleUploadedFile("kartta.html", files.pdf("Kartta"), "text/html"),
    )
    assert attachment.file.name.startswith("attachments/") and "kartta" in attachment.file.name
    assert attachment.file.name.endswith(".pdf")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        decision_services.attachment_save(
            item=item,
            title={"fi": "Rikki"},
            file=SimpleUploadedFile("rikki.pdf", files.pdf()[:300], "application/pdf"),
        )
    assert "file" in refused.value.message_dict


def _cms_form(model_getter, form_getter, name: str, data: bytes):
    model = model_getter()
    form_class = form_getter(model)
    from wagtail.models import Collection

    return form_class(
        data={"title": "Liite", "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile(name, data)},
        user=None,
    )


@pytest.mark.django_db
def test_cms_document_form__checks_content_and_names_by_detected_type():
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form

    form = _cms_form(get_document_model, get_document_form, "taulukko.xlsx", files.ooxml("xlsx"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["file"].name == "taulukko.xlsx"

    form = _cms_form(get_document_model, get_document_form, "ohje.txt", files.pdf())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["file"].name == "ohje.pdf"

    # The editor's language; under pytest-xdist another test may have left another one active.
    with translation.override("fi"):
        form = _cms_form(get_document_model, get_document_form, "pommi.odt", files.zip_bomb("odt"))
        assert not form.is_valid()
        assert "liian suuri" in str(form.errors["file"])


@pytest.mark.django_db
def test_cms_image_form__refuses_a_truncated_image():
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form

    form = _cms_form(get_image_model, get_image_form, "kuva.png", files.image("png", (64, 64)))
    assert form.is_valid(), form.errors

    form = _cms_form(get_image_model, get_image_form, "kuva.png", files.png()[:70])
    assert not form.is_valid()


# --- Virus scanning ------------------------------------------------------------------------------

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class FakeClamd:
    """A clamd speaking INSTREAM on a free port: anything containing the EICAR string is
    infected. Records what it received."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read_exactly(self, connection, size):
        data = b""
        while len(data) < size:
            chunk = connection.recv(size - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def _serve(self):
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            with connection:
                assert self._read_exactly(connection, 10) == b"zINSTREAM\0"
                body = b""
                while True:
                    (length,) = struct.unpack(">I", self._read_exactly(connection, 4))
                    if not length:
                        break
                    body += self._read_exactly(connection, length)
                self.received.append(body)
                if EICAR in body or EICAR in _unpacked(body):
                    connection.sendall(b"stream: Eicar-Test-Signature FOUND\0")
                else:
                    connection.sendall(b"stream: OK\0")

    def close(self):
        self.server.close()


def _unpacked(body: bytes) -> bytes:
    """The entries of a ZIP container, as clamd looks inside archives."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())
    except zipfile.BadZipFile:
        return b""


@pytest.fixture
def clamd(settings):
    server = FakeClamd()
    settings.CLAMAV_HOST = "127.0.0.1"
    settings.CLAMAV_PORT = server.port
    yield server
    server.close()


def test_clamd__a_clean_file_is_scanned_and_accepted(clamd):
    assert inspect("a.pdf", files.pdf()).key == "pdf"
    assert clamd.received == [files.pdf()]


def test_clamd__an_infected_file_is_refused(clamd):
    infected = files.ooxml("docx", extra={"word/media/eicar.com": EICAR})
    with translation.override("en"), pytest.raises(UploadRefused) as refused:
        inspect("liite.docx", infected)
    assert refused.value.code == "infected"
    assert "contains malware" in refused.value.messages[0]


def test_clamd__an_unreachable_scanner_refuses_uploads(settings):
    # A port that was free a moment ago: nothing listens there.
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    settings.CLAMAV_HOST = "127.0.0.1"
    settings.CLAMAV_PORT = port
    settings.CLAMAV_TIMEOUT = 2
    with pytest.raises(UploadRefused) as refused:
        inspect("a.pdf", files.pdf())
    assert refused.value.code == "scan_unavailable"


def test_clamd__an_infected_answer_is_refused_in_the_users_language(resident, clamd):
    infected = files.ooxml("docx", extra={"word/media/eicar.com": EICAR})
    case, _client, response = _answer(
        resident, SimpleUploadedFile("bilaga.docx", infected), lang="sv", text="Här är bilagan."
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "innehåller skadlig kod" in page
    assert "Här är bilagan." in page
    assert case.documents.count() == 0
