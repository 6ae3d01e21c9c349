"""Real, minimal files of every type the portal accepts, and broken ones, for upload tests."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

from portal.pdf import pdf_document

OOXML_TYPES = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>Hakemuksen liite</w:t></w:r></w:p></w:body></w:document>",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheets/></workbook>",
    ),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b'<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
    ),
}
ODF_TYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


@functools.cache
def pdf(text: str = "Hakemuksen liite") -> bytes:
    return pdf_document(title=text, paragraphs=[text], language="fi", author="Testi")


def image(kind: str = "png", size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(out, format="JPEG" if kind == "jpeg" else "PNG")
    return out.getvalue()


def png() -> bytes:
    return image("png")


def jpeg() -> bytes:
    return image("jpeg")


def ooxml(kind: str = "docx", *, extra: dict[str, bytes] | None = None, main_type=None) -> bytes:
    part, content_type, body = OOXML_TYPES[kind]
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{main_type or content_type}"/></Types>'
    ).encode()
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{part}"/></Relationships>'
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr(part, body)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def docx() -> bytes:
    return ooxml("docx")


def odf(kind: str = "odt", *, mimetype: bytes | None = None, stored: bool = True) -> bytes:
    media_type = ODF_TYPES[kind]
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{media_type}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    ).encode()
    content = (
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
        b"<office:body/></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype",
            mimetype if mimetype is not None else media_type.encode(),
            compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def odt() -> bytes:
    return odf("odt")


VALID = {
    "pdf": pdf,
    "jpeg": jpeg,
    "png": png,
    "docx": docx,
    "xlsx": lambda: ooxml("xlsx"),
    "pptx": lambda: ooxml("pptx"),
    "odt": odt,
    "ods": lambda: odf("ods"),
    "csv": lambda: "nimi;määrä\nkirjasto;3\n".encode(),
    "txt": lambda: b"Kunnan tiedote.\n",
}


# --- Hostile files -------------------------------------------------------------------------------


def _deflate_zeros(size: int) -> tuple[bytes, int]:
    """`size` zero bytes deflated (raw), built in steps; returns the data and its CRC."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(1024 * 1024)
    parts = []
    crc = 0
    left = size
    while left:
        step = block[: min(left, len(block))]
        parts.append(compressor.compress(step))
        crc = zlib.crc32(step, crc)
        left -= len(step)
    parts.append(compressor.flush())
    return b"".join(parts), crc


def _raw_zip(entries: list[tuple[str, bytes, int, int, int, int]]) -> bytes:
    """A ZIP built by hand: (name, data, method, crc, compressed size, declared size) per entry,
    so that the declared sizes can lie."""
    out = io.BytesIO()
    central = []
    for name, data, method, crc, csize, usize in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<4s5H3I2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, csize, usize, len(encoded), 0
            )  # fmt: skip
        )
        out.write(encoded)
        out.write(data)
        central.append(
            struct.pack(
                "<4s6H3I5H2I",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                0,
                crc,
                csize,
                usize,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )  # fmt: skip
            + encoded
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(
        struct.pack(
            "<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), start, 0
        )  # fmt: skip
    )
    return out.getvalue()


@functools.cache
def zip_bomb(kind: str = "docx", unpacked: int = 1024 * 1024 * 1024, *, lie: bool = False) -> bytes:
    """A document whose main part inflates to `unpacked` bytes (1 GiB from about 1 MB).

    With `lie`, the directory declares the part 1 kB large, as a hostile file would.
    """
    data, crc = _deflate_zeros(unpacked)
    base = zipfile.ZipFile(io.BytesIO(ooxml(kind) if kind in OOXML_TYPES else odf(kind)))
    entries = []
    for info in base.infolist():
        raw = base.read(info)
        if (
            kind in ODF_TYPES
            and info.filename == "content.xml"
            or (kind in OOXML_TYPES and info.filename == OOXML_TYPES[kind][0])
        ):
            declared = 1024 if lie else unpacked
            entries.append((info.filename, data, zipfile.ZIP_DEFLATED, crc, len(data), declared))
        else:
            entries.append(
                (info.filename, raw, zipfile.ZIP_STORED, zlib.crc32(raw), len(raw), len(raw))
            )
    return _raw_zip(entries)


def many_entries(count: int = 5000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx())) as base, zipfile.ZipFile(out, "w") as archive:
        for info in base.infolist():
            archive.writestr(info, base.read(info))
        for number in range(count):
            archive.writestr(f"word/media/{number}.xml", b"<a/>")
    return out.getvalue()


def pixel_bomb() -> bytes:
    """A PNG that claims 100 000 × 100 000 pixels (10 gigapixels) in a few hundred bytes."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(10_000)))
        + chunk(b"IEND", b"")
    )


def polyglot_pdf_html() -> bytes:
    """A file that is a valid PDF and also reads as HTML to a sniffing browser."""
    return pdf().replace(b"%PDF-1.3\n", b"%PDF-1.3\n%<html><script>alert(1)</script>\n", 1)


def polyglot_jpeg_zip() -> bytes:
    """A JPEG with a DOCX appended (both parsers accept it): stored as what it starts with."""
    return jpeg() + docx()
