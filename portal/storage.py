"""Storage of files that only some may read: outside MEDIA_ROOT, served by views that check."""

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files with no public address: views that check access stream them."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")
