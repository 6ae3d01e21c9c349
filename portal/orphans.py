"""Stored files that no row refers to: left by a transaction that rolled back after its file was
written (a database connection lost mid-request, a worker killed), deleted after a grace period.

A file is written to storage before the row that names it is committed, and nothing can take it
back if the commit never comes. Rather than hold uploads in memory until after the commit, the
portal sweeps: every folder that a file field uploads to is listed, and a file older than the
grace period that no row names is deleted. The grace period covers requests still in progress.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)

DEFAULT_GRACE = timedelta(hours=24)


@dataclass
class _Area:
    storage: object
    folders: set[str]
    referenced: set[str]


# Fields whose upload_to is a function: the folder it always uploads under.
CALLABLE_UPLOAD_FOLDERS = {
    ("wagtailimages", "image", "file"): "original_images",
    ("wagtailimages", "rendition", "file"): "images",
    ("wagtailusers", "userprofile", "avatar"): "avatar_images",
}


def _upload_folder(field: models.FileField) -> str | None:
    """The fixed first folder of a field's upload_to ("cases" of "cases/%Y/%m/")."""
    upload_to = field.upload_to
    if callable(upload_to):
        meta = field.model._meta
        return CALLABLE_UPLOAD_FOLDERS.get((meta.app_label, meta.model_name, field.name))
    if not upload_to:
        return None
    folder = str(upload_to).split("/", 1)[0]
    return folder if folder and "%" not in folder else None


def _areas() -> list[_Area]:
    by_storage: dict[int, _Area] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.FileField) or field.model is not model:
                continue
            folder = _upload_folder(field)
            if folder is None:
                continue
            area = by_storage.setdefault(
                id(field.storage), _Area(storage=field.storage, folders=set(), referenced=set())
            )
            area.folders.add(folder)
            names = (
                model._default_manager.exclude(**{field.name: ""})
                .exclude(**{f"{field.name}__isnull": True})
                .values_list(field.name, flat=True)
            )
            area.referenced.update(names.iterator(chunk_size=5000))
    return list(by_storage.values())


def _walk(storage, folder: str) -> Iterator[str]:
    try:
        directories, names = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in names:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}")


def orphan_files_sweep(*, grace: timedelta = DEFAULT_GRACE, dry_run: bool = False) -> list[str]:
    """Delete stored files older than `grace` that no row refers to; returns their names."""
    cutoff = timezone.now() - grace
    removed: list[str] = []
    for area in _areas():
        for folder in sorted(area.folders):
            for name in _walk(area.storage, folder):
                if name in area.referenced:
                    continue
                try:
                    modified = area.storage.get_modified_time(name)
                except (FileNotFoundError, OSError):
                    continue
                if modified > cutoff:
                    continue
                if not dry_run:
                    area.storage.delete(name)
                removed.append(name)
    if removed:
        logger.warning(
            "%s %d stored file(s) no row refers to", "Found" if dry_run else "Removed", len(removed)
        )
    return removed
