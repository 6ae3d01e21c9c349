"""The CMS's document and image forms: every file checked by its content before it is stored.

Wagtail picks these up through `WAGTAILDOCS_DOCUMENT_FORM_BASE` and `WAGTAILIMAGES_IMAGE_FORM_BASE`,
so the single and the multiple upload views, the choosers' upload and the edit view (a replaced
file) all use them.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from portal.uploads import FileKind, stored_name, upload_inspect

DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt")
IMAGE_KINDS = ("jpeg", "png")


def document_check(upload) -> FileKind:
    """The detected type of an acceptable CMS document."""
    return upload_inspect(
        upload,
        accept=DOCUMENT_KINDS,
        max_bytes=settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        wrong_type_message=_(
            "“%(name)s” is not a PDF, DOCX, XLSX, PPTX, ODT, ODS, CSV or text file."
        ),
    )


def image_check(upload) -> FileKind:
    """The detected type of an acceptable CMS image."""
    return upload_inspect(
        upload,
        accept=IMAGE_KINDS,
        max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        wrong_type_message=_("“%(name)s” is not a JPEG or PNG image."),
    )


class CheckedFileMixin:
    """Check the uploaded file before Wagtail's own field looks into it.

    Wagtail's image field opens the file to read its size, and a damaged image makes that raise
    instead of giving a form error; so the portal's check runs first, in the field's to_python.
    """

    @staticmethod
    def upload_check(upload) -> FileKind:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        wagtail_to_python = field.to_python

        def to_python(data):
            if data:
                data.portal_kind = self.upload_check(data)
            return wagtail_to_python(data)

        # The form's fields are its own copies, so this touches no other form.
        field.to_python = to_python

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        kind = getattr(upload, "portal_kind", None)
        if kind is not None:
            # The extension Wagtail serves the file with (and derives its Content-Type from)
            # is the detected type's, never the name the file came with.
            upload.name = stored_name(upload.name, kind)
        return upload


class DocumentForm(CheckedFileMixin, BaseDocumentForm):
    """Wagtail's document form, with the portal's check of the file's content."""

    upload_check = staticmethod(document_check)


class ImageForm(CheckedFileMixin, BaseImageForm):
    """Wagtail's image form, with the portal's check of the file's content."""

    upload_check = staticmethod(image_check)
