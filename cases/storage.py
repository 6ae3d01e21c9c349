"""Where case documents live: the private storage (outside MEDIA_ROOT, or a private bucket)."""

from portal.storage import PrivateStorage, private_storage_in


def private_storage() -> PrivateStorage:
    return private_storage_in("")
