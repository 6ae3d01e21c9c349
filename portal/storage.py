"""Storage of files that only some may read, chosen by settings: a folder outside MEDIA_ROOT on
one host, or a private S3-compatible bucket shared by every host (STORAGES["private"]).

Such files have no public address: the views that check who may read them stream them.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.module_loading import import_string


class PrivateFileSystemStorage(FileSystemStorage):
    """Files with no public address, in a folder no web server serves."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


class PrivateStorage(LazyObject):
    """The configured private storage, in a folder of its own (e.g. "decisions").

    Lazy, and rebuilt when STORAGES or PRIVATE_MEDIA_ROOT change, so that one model field serves
    whichever backend the settings name (the tests switch to S3 and back).
    """

    def __init__(self, folder: str = ""):
        super().__init__()
        self.__dict__["_folder"] = folder
        _instances.append(self)

    def _setup(self):
        config = settings.STORAGES.get("private") or {
            "BACKEND": "portal.storage.PrivateFileSystemStorage"
        }
        backend = import_string(config["BACKEND"])
        options = dict(config.get("OPTIONS") or {})
        folder = self.__dict__["_folder"]
        if issubclass(backend, FileSystemStorage):
            base = str(options.pop("location", "") or settings.PRIVATE_MEDIA_ROOT)
            options["location"] = os.path.join(base, folder) if folder else base
        else:
            base = str(options.get("location", "")).strip("/")
            options["location"] = "/".join(part for part in (base, folder) if part)
        self._wrapped = backend(**options)


_instances: list[PrivateStorage] = []


def private_storage_in(folder: str = "") -> PrivateStorage:
    """The one PrivateStorage of a folder."""
    for storage in _instances:
        if storage.__dict__["_folder"] == folder:
            return storage
    return PrivateStorage(folder)


@receiver(setting_changed)
def _reset_private_storages(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        for storage in _instances:
            storage._wrapped = empty
