"""Malformed, truncated, bombed, polyglot and oversized files of every accepted type, thrown at the
check of every upload path: each is accepted as a type that path takes or refused with a message
(never an exception), and the process's peak memory stays bounded."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.services import DOCUMENT_KINDS, document_check
from cms.upload_forms import DOCUMENT_KINDS as CMS_DOCUMENT_KINDS
from cms.upload_forms import IMAGE_KINDS, image_check
from cms.upload_forms import document_check as cms_document_check
from decisions.services import attachment_check
from tests import files

# Every upload path's own check and the types it takes.
UPLOAD_PATHS = {
    "case document (resident, handler)": (document_check, set(DOCUMENT_KINDS)),
    "agenda item attachment": (attachment_check, {"pdf"}),
    "cms document": (cms_document_check, set(CMS_DOCUMENT_KINDS)),
    "cms image": (image_check, set(IMAGE_KINDS)),
}
# Over what the interpreter already holds, the most one check may add to the peak RSS.
MEMORY_CEILING = 64 * 1024 * 1024


def _status(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise LookupError(field)


def _reset_peak() -> bool:
    """Reset this process's peak RSS (VmHWM) to its current RSS (Linux)."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def check_bounded(path: str, name: str, data: bytes, *, size: int | None = None) -> None:
    """Run one path's check on one file; fail on anything but a type it takes or a refusal."""
    check, kinds = UPLOAD_PATHS[path]
    upload = SimpleUploadedFile(name, data)
    if size is not None:
        upload.size = size
    measured = _reset_peak()
    before = _status("VmRSS")
    try:
        kind = check(upload)
    except ValidationError as refused:
        assert refused.messages and refused.messages[0]
    else:
        assert kind.key in kinds, (path, name, kind)
    if measured:
        grown = _status("VmHWM") - before
        assert grown < MEMORY_CEILING, f"{path}: {name} took {grown / 2**20:.0f} MB"


def _valid(kind: str) -> bytes:
    return files.VALID[kind]()


# --- Hand-made hostile files, for every path ------------------------------------------------------

HOSTILE = {
    "bomb.docx": lambda: files.zip_bomb("docx"),
    "bomb.xlsx": lambda: files.zip_bomb("xlsx"),
    "bomb.odt": lambda: files.zip_bomb("odt"),
    "lie.docx": lambda: files.zip_bomb("docx", lie=True),
    "lie.ods": lambda: files.zip_bomb("ods", lie=True),
    "many.docx": files.many_entries,
    "huge.png": files.pixel_bomb,
    "poly.html": files.polyglot_pdf_html,
    "poly.jpg": files.polyglot_jpeg_zip,
    "padded.odt": lambda: files.odf("odt", mimetype=b"application/vnd.oasis.opendocument.text "),
    "zip-in-pdf.pdf": lambda: files.pdf() + files.docx(),
    "nested.docx": lambda: files.ooxml("docx", extra={"word/embeddings/a.docx": files.docx()}),
}


@pytest.mark.parametrize("path", sorted(UPLOAD_PATHS))
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_fuzz__hostile_files_at_every_path(path, name):
    check_bounded(path, name, HOSTILE[name]())


@pytest.mark.parametrize("path", sorted(UPLOAD_PATHS))
def test_fuzz__oversized_files_are_refused_unread(path):
    check, _kinds = UPLOAD_PATHS[path]
    upload = SimpleUploadedFile("iso.pdf", files.pdf())
    upload.size = 300 * 1024 * 1024
    upload.file = Unreadable()
    with pytest.raises(ValidationError) as refused:
        check(upload)
    assert refused.value.code == "too_large"


class Unreadable(io.BytesIO):
    def read(self, *args):
        raise AssertionError("read a file that is too large")


# --- Generated files ------------------------------------------------------------------------------


def _mutate(data: bytes, edits: list[tuple[str, int, bytes]]) -> bytes:
    out = bytearray(data)
    for how, at, chunk in edits:
        at = at % (len(out) + 1)
        if how == "truncate":
            del out[at:]
        elif how == "flip":
            out[at : at + len(chunk)] = chunk
        elif how == "insert":
            out[at:at] = chunk
        else:
            out += chunk
    return bytes(out)


def _rezip(data: bytes, entries: list[tuple[str, bytes]]) -> bytes:
    """A container with entries added or replaced (keeping the original order otherwise)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as base, zipfile.ZipFile(out, "w") as archive:
        replaced = dict(entries)
        for info in base.infolist():
            archive.writestr(info, replaced.pop(info.filename, base.read(info)))
        for name, content in replaced.items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


kinds = st.sampled_from(sorted(files.VALID))
edits = st.lists(
    st.tuples(
        st.sampled_from(["truncate", "flip", "insert", "append"]),
        st.integers(min_value=0, max_value=1 << 20),
        st.binary(min_size=1, max_size=64),
    ),
    min_size=1,
    max_size=4,
)
ZIP_KINDS = ("docx", "xlsx", "pptx", "odt", "ods")
zip_parts = st.lists(
    st.tuples(
        st.sampled_from(
            ["mimetype", "[Content_Types].xml", "word/document.xml", "content.xml", "x/y.xml"]
        ),
        st.one_of(
            st.binary(max_size=200),
            st.integers(min_value=1, max_value=8).map(lambda n: b" " * (n * 1024 * 1024)),
            st.just(b"<a>" * 1000),
        ),
    ),
    min_size=1,
    max_size=3,
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("path", sorted(UPLOAD_PATHS))
@FUZZ
@given(kind=kinds, edits=edits, name_kind=kinds)
def test_fuzz__mutated_files_at_every_path(path, kind, edits, name_kind):
    check_bounded(path, f"liite.{name_kind}", _mutate(_valid(kind), edits))


@pytest.mark.parametrize("path", ["case document (resident, handler)", "cms document"])
@FUZZ
@given(kind=st.sampled_from(ZIP_KINDS), parts=zip_parts)
def test_fuzz__rebuilt_containers_at_every_path(path, kind, parts):
    check_bounded(path, f"liite.{kind}", _rezip(_valid(kind), parts))
