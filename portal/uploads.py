"""Checking uploaded files: type by content, a full parse of that type, bounded in bytes and time.

Every upload path of the portal (residents' and handlers' case documents, agenda item attachments,
the CMS's documents and images) asks `upload_inspect()` before anything is stored. It never trusts
the file's name or the browser's claim: the type comes from the content, the content must parse
completely as that type, and the stored name's extension comes from the detected type.

Every step is bounded: the size is checked before the first byte is read, ZIP containers are
checked by their declared sizes, entry count and compression ratio before any entry is unpacked,
entries are then streamed through a counter (never read whole), images are bounded in pixels
before they are decoded, and the whole check runs under a deadline where the process allows it.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import struct
import threading
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024


@dataclass(frozen=True)
class FileKind:
    """A type of file the portal accepts: how it is named and served once detected."""

    key: str
    extension: str
    content_type: str
    label: str


KINDS = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "pdf", "application/pdf", "PDF"),
        FileKind("jpeg", "jpg", "image/jpeg", "JPEG"),
        FileKind("png", "png", "image/png", "PNG"),
        FileKind(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
        ),
        FileKind(
            "xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "XLSX",
        ),
        FileKind(
            "pptx",
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PPTX",
        ),
        FileKind("odt", "odt", "application/vnd.oasis.opendocument.text", "ODT"),
        FileKind("ods", "ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS"),
        FileKind("csv", "csv", "text/csv", "CSV"),
        FileKind("txt", "txt", "text/plain", "TXT"),
    )
}

# Office Open XML: the main part each type must have and the content type it must declare.
OOXML_MAIN = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}
ODF_KINDS = ("odt", "ods")

# Bounds of a ZIP container (DOCX, XLSX, PPTX, ODT, ODS). A real office document of 10 MB has a
# few hundred entries and unpacks to a few tens of megabytes; XML compresses well, but not a
# thousandfold.
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_UNPACKED_BYTES = 64 * 1024 * 1024
ZIP_MAX_ENTRY_BYTES = 32 * 1024 * 1024
ZIP_MAX_RATIO = 100
# Below this size an entry's ratio says nothing (a 2 kB run of spaces compresses 200-fold).
ZIP_RATIO_FLOOR = 256 * 1024
# The XML parts that decide the type are small; a larger one is not a real document.
ZIP_MAX_MANIFEST_BYTES = 1024 * 1024

PDF_MAX_PAGES = 5000


class UploadRefused(ValidationError):
    """An upload that is not accepted; the message names the file and says why."""


class _Damaged(Exception):
    """The content does not parse as the type it claims to be."""


class _TooComplex(Exception):
    """The content would take more memory or time to check than the portal gives it."""


class OutOfTime(BaseException):
    """The check ran past its deadline (a BaseException, so that no parser's handler eats it)."""


# --- Limits in time ------------------------------------------------------------------------------


@contextlib.contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Raise OutOfTime in the block after `seconds` (only in the main thread, as signals are).

    gunicorn's sync workers serve requests in their main thread, so a web request always gets the
    bound; elsewhere (threads) the worker timeout is the bound.
    """
    if (
        seconds <= 0
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def expired(signum, frame):
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- Detection -----------------------------------------------------------------------------------


def _detect(head: bytes, name: str) -> str | None:
    """The candidate type from the first bytes; the full check decides."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if b"\x00" not in head:
        # Text has no signature: the client's name picks CSV or plain text, the content must be
        # UTF-8 without control characters either way.
        return "csv" if name.lower().endswith(".csv") else "txt"
    return None


# --- PDF -----------------------------------------------------------------------------------------


def _check_pdf(upload) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(upload, strict=False)
            if reader.is_encrypted:
                # An encrypted PDF cannot be checked (nor indexed) without its password.
                raise _Damaged("encrypted")
            pages = len(reader.pages)
            if pages < 1:
                raise _Damaged("no pages")
            if pages > PDF_MAX_PAGES:
                raise _TooComplex("pages")
            for page in reader.pages:
                # Resolves every page object and its inherited box, which a truncated or
                # rewritten file does not survive.
                page.mediabox  # noqa: B018
    except (_Damaged, _TooComplex):
        raise
    except RecursionError as exc:
        raise _TooComplex("nesting") from exc
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        IndexError,
    ) as exc:
        raise _Damaged(str(exc)) from exc


# --- Images --------------------------------------------------------------------------------------


def _max_pixels() -> int:
    return int(getattr(settings, "UPLOAD_MAX_IMAGE_PIXELS", 40_000_000))


def _check_image(upload, key: str) -> None:
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=["JPEG" if key == "jpeg" else "PNG"]) as image:
                width, height = image.size
                if width < 1 or height < 1:
                    raise _Damaged("no pixels")
                if width * height > _max_pixels():
                    raise _TooComplex("pixels")
                image.verify()
            if key == "jpeg":
                upload.seek(0)
                with Image.open(upload, formats=["JPEG"]) as image:
                    # Decoding at an eighth of the size reads every entropy-coded byte while
                    # holding only 1/64 of the pixels.
                    image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                    image.load()
            else:
                _check_png_data(upload, width, height)
    except (_Damaged, _TooComplex):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _TooComplex("pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error) as exc:
        raise _Damaged(str(exc)) from exc


def _check_png_data(upload, width: int, height: int) -> None:
    """Inflate the image data in bounded steps: complete, and no larger than its pixels need."""
    upload.seek(8)
    inflater = zlib.decompressobj()
    # Eight bytes per pixel (16-bit RGBA) plus a filter byte per row, twice for interlacing.
    allowed = 2 * height * (width * 8 + 1)
    produced = 0
    while True:
        header = upload.read(8)
        if len(header) < 8:
            raise _Damaged("truncated")
        length, kind = struct.unpack(">I4s", header)
        if kind == b"IEND":
            break
        if kind != b"IDAT":
            upload.seek(length + 4, 1)
            continue
        left = length
        while left:
            data = upload.read(min(left, CHUNK))
            if not data:
                raise _Damaged("truncated")
            left -= len(data)
            while data:
                produced += len(inflater.decompress(data, CHUNK))
                data = inflater.unconsumed_tail
                if produced > allowed:
                    raise _TooComplex("inflates")
        upload.seek(4, 1)
    if not inflater.eof:
        raise _Damaged("image data ends early")


# --- ZIP containers ------------------------------------------------------------------------------


def _zip_kind(archive: zipfile.ZipFile) -> str | None:
    """DOCX/XLSX/PPTX/ODT/ODS from the container's structure (checked fully later)."""
    names = set(archive.namelist())
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size > 100:
            return None
        with archive.open(info) as entry:
            mimetype = entry.read(101)
        for key in ODF_KINDS:
            if mimetype == KINDS[key].content_type.encode():
                return key
        return None
    if "[Content_Types].xml" in names:
        for key, (part, _main) in OOXML_MAIN.items():
            if part in names:
                return key
    return None


def _check_zip_bounds(archive: zipfile.ZipFile, size: int) -> None:
    """Refuse a container by its directory, before unpacking any of it."""
    infos = archive.infolist()
    if not infos:
        raise _Damaged("empty")
    if len(infos) > ZIP_MAX_ENTRIES:
        raise _TooComplex("entries")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _Damaged("encrypted entry")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _Damaged("unsupported compression")
        if info.file_size > ZIP_MAX_ENTRY_BYTES:
            raise _TooComplex("entry size")
        if info.file_size > ZIP_RATIO_FLOOR and info.file_size > ZIP_MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _TooComplex("ratio")
        total += info.file_size
    if total > ZIP_MAX_UNPACKED_BYTES or total > ZIP_MAX_RATIO * max(size, 1) + ZIP_RATIO_FLOOR:
        raise _TooComplex("unpacked size")


def _stream_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sink=None) -> int:
    """Unpack one entry in chunks, checking its CRC; returns its actual size."""
    read = 0
    with archive.open(info) as entry:
        while True:
            chunk = entry.read(CHUNK)
            if not chunk:
                break
            read += len(chunk)
            if read > info.file_size or read > ZIP_MAX_ENTRY_BYTES:
                raise _TooComplex("entry larger than declared")
            if sink is not None:
                sink(chunk)
    if read != info.file_size:
        raise _Damaged("entry shorter than declared")
    return read


def _xml_parser():
    from defusedxml.sax import make_parser

    parser = make_parser()
    return parser


def _check_xml_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Well-formed XML, parsed as a stream (memory stays flat however large the part)."""
    from xml.sax import SAXException

    from defusedxml import DefusedXmlException

    parser = _xml_parser()
    try:
        _stream_entry(archive, info, parser.feed)
        parser.close()
    except (SAXException, DefusedXmlException) as exc:
        raise _Damaged(f"{info.filename}: {exc}") from exc


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > ZIP_MAX_MANIFEST_BYTES:
        raise _TooComplex("manifest")
    parts: list[bytes] = []
    _stream_entry(archive, info, parts.append)
    return b"".join(parts)


def _check_ooxml(archive: zipfile.ZipFile, key: str) -> None:
    from defusedxml import DefusedXmlException, ElementTree

    names = set(archive.namelist())
    part, main_type = OOXML_MAIN[key]
    for required in ("[Content_Types].xml", "_rels/.rels", part):
        if required not in names:
            raise _Damaged(f"missing {required}")
    try:
        types = ElementTree.fromstring(_read_small(archive, "[Content_Types].xml"))
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise _Damaged("content types") from exc
    declared = {
        element.get("PartName"): element.get("ContentType")
        for element in types
        if element.tag.endswith("}Override")
    }
    if declared.get("/" + part) != main_type:
        # A macro-enabled document (docm, xlsm) declares another main type: not accepted.
        raise _Damaged("main part type")


def _check_odf(archive: zipfile.ZipFile, key: str) -> None:
    infos = archive.infolist()
    first = infos[0]
    # ODF 1.2, 3.3: the first entry is `mimetype`, stored uncompressed, exactly the media type.
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
        raise _Damaged("mimetype entry")
    if _read_small(archive, "mimetype") != KINDS[key].content_type.encode("ascii"):
        raise _Damaged("mimetype")
    names = set(archive.namelist())
    for required in ("content.xml", "META-INF/manifest.xml"):
        if required not in names:
            raise _Damaged(f"missing {required}")


def _check_zip(upload, size: int, accept: set[str]) -> str:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_zip_bounds(archive, size)
            key = _zip_kind(archive)
            if key is None or key not in accept:
                return key or "zip"
            if key in OOXML_MAIN:
                _check_ooxml(archive, key)
            else:
                _check_odf(archive, key)
            # Every entry unpacks completely with the right checksum; XML parts are well-formed.
            for info in archive.infolist():
                if info.is_dir():
                    continue
                if info.filename.endswith((".xml", ".rels")):
                    _check_xml_entry(archive, info)
                else:
                    _stream_entry(archive, info)
            return key
    except (_Damaged, _TooComplex):
        raise
    except RecursionError as exc:
        raise _TooComplex("nesting") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise _Damaged(str(exc)) from exc
    except (zlib.error, NotImplementedError, KeyError, struct.error) as exc:
        raise _Damaged(str(exc)) from exc


# --- Text ----------------------------------------------------------------------------------------


def _check_text(upload) -> None:
    import codecs

    upload.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        while True:
            chunk = upload.read(CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
                raise _Damaged("control characters")
            if not chunk:
                break
    except UnicodeDecodeError as exc:
        raise _Damaged("not UTF-8") from exc


# --- Malware scanning ----------------------------------------------------------------------------


class ScanUnavailable(Exception):
    """The configured virus scanner could not be reached or answered nonsense."""


def _clamd_address() -> tuple[int, object] | None:
    path = getattr(settings, "CLAMAV_SOCKET", "")
    if path:
        return socket.AF_UNIX, path
    host = getattr(settings, "CLAMAV_HOST", "")
    if host:
        return socket.AF_INET, (host, int(getattr(settings, "CLAMAV_PORT", 3310)))
    return None


def clamd_scan(upload) -> str | None:
    """Stream the file to clamd (INSTREAM); the signature's name if infected, else None.

    Returns None without scanning when no scanner is configured.
    """
    address = _clamd_address()
    if address is None:
        return None
    family, target = address
    timeout = float(getattr(settings, "CLAMAV_TIMEOUT", 10))
    upload.seek(0)
    try:
        with socket.socket(family, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(target)
            connection.sendall(b"zINSTREAM\0")
            while chunk := upload.read(CHUNK):
                connection.sendall(struct.pack(">I", len(chunk)) + chunk)
            connection.sendall(struct.pack(">I", 0))
            reply = b""
            while not reply.endswith(b"\0") and len(reply) < 4096:
                data = connection.recv(4096)
                if not data:
                    break
                reply += data
    except OSError as exc:
        raise ScanUnavailable(str(exc)) from exc
    finally:
        upload.seek(0)
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if answer.endswith(" FOUND"):
        return answer.removeprefix("stream:").removesuffix(" FOUND").strip() or "unknown"
    if answer.endswith("OK"):
        return None
    raise ScanUnavailable(answer or "no answer")


# --- The check -----------------------------------------------------------------------------------


def display_name(name: str | None) -> str:
    """The client's file name as shown in messages: its last path part, at most 100 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    return base[:100] or "?"


def stored_name(name: str | None, kind: FileKind) -> str:
    """A safe file name for the user to see, with the extension of the detected type."""
    import re

    base = re.sub(r"[^\w.\- ]", "_", display_name(name)).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if dot and stem and len(suffix) <= 10:
        base = stem.rstrip(" .")
    return f"{(base or 'document')[:190]}.{kind.extension}"


def upload_inspect(
    upload, *, accept: Iterable[str], max_bytes: int, wrong_type_message: str
) -> FileKind:
    """The detected type of an acceptable upload; UploadRefused says, in the user's language,
    why it is not acceptable. Reads nothing of a file that is too large."""
    accept = set(accept)
    name = display_name(getattr(upload, "name", ""))
    size = upload.size
    if size is None or size > max_bytes:
        raise UploadRefused(
            _("“%(name)s” is larger than %(size)d MB.")
            % {"name": name, "size": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    if size == 0:
        raise UploadRefused(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    key = _detect(head, name)
    if key is None or (key != "zip" and key not in accept):
        raise UploadRefused(wrong_type_message % {"name": name}, code="file_type")
    try:
        with time_bound(float(getattr(settings, "UPLOAD_CHECK_SECONDS", 10))):
            if key == "zip":
                key = _check_zip(upload, size, accept)
                if key not in accept:
                    raise UploadRefused(wrong_type_message % {"name": name}, code="file_type")
            elif key == "pdf":
                _check_pdf(upload)
            elif key in ("jpeg", "png"):
                _check_image(upload, key)
            else:
                _check_text(upload)
    except _Damaged as exc:
        logger.info("Refused a damaged %s upload: %s", key, exc)
        if key not in KINDS:
            # A broken container: name the type the file claims to be, if it is one we take.
            claimed = name.rpartition(".")[2].lower()
            key = claimed if claimed in accept and claimed in KINDS else key
        raise UploadRefused(
            _("“%(name)s” is damaged or not a complete %(type)s file.")
            % {"name": name, "type": KINDS[key].label if key in KINDS else "ZIP"},
            code="damaged",
        ) from exc
    except (_TooComplex, OutOfTime) as exc:
        logger.warning("Refused an upload that unpacks too far (%s): %r", key, exc)
        raise UploadRefused(
            _("“%(name)s” is too large when opened, so it cannot be accepted.") % {"name": name},
            code="too_complex",
        ) from exc
    finally:
        upload.seek(0)
    try:
        signature = clamd_scan(upload)
    except ScanUnavailable as exc:
        logger.error("The virus scanner could not check an upload: %s", exc)
        raise UploadRefused(
            _("“%(name)s” could not be checked for malware just now. Try again in a moment.")
            % {"name": name},
            code="scan_unavailable",
        ) from exc
    if signature is not None:
        logger.warning("Refused an infected upload: %s", signature)
        raise UploadRefused(
            _("“%(name)s” contains malware and was not accepted.") % {"name": name},
            code="infected",
        )
    upload.seek(0)
    return KINDS[key]
