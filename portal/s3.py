"""Private files on an S3-compatible bucket (django-storages), for installations of several
web hosts. Objects get no ACL of their own, so they stay as private as the bucket."""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """A private bucket's files: no public address, the permission-checking views stream them."""

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no public URL; serve them through a view.")
