"""Reading and writing JSON-stat 2 datasets (https://json-stat.org/full/).

A dataset lists its dimensions in `id` with their sizes in `size`; each dimension's categories
are ordered by `category.index` (a list of codes, or an object of code → position); `value` is
the cells in row-major order over `id` (a list, or an object of position → value for a sparse
table). Statistics Finland's PxWeb API answers in this format.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _


class StructureError(ValueError):
    """The document is not a JSON-stat 2 dataset of the expected shape; the message says how."""


@dataclass(frozen=True)
class Dimension:
    id: str
    codes: list[str]
    labels: dict[str, str]


@dataclass(frozen=True)
class Dataset:
    dimensions: list[Dimension]
    values: list | dict
    updated: str

    @property
    def ids(self) -> list[str]:
        return [dimension.id for dimension in self.dimensions]

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dimension_id)

    def cells(self) -> Iterator[tuple[dict[str, str], Decimal | None]]:
        """Every cell as ({dimension id: category code}, value or None for a missing one)."""
        codes = [dimension.codes for dimension in self.dimensions]
        for position, combination in enumerate(itertools.product(*codes)):
            if isinstance(self.values, dict):
                raw = self.values.get(str(position))
            else:
                raw = self.values[position]
            yield dict(zip(self.ids, combination, strict=True)), _number(raw)


def _number(raw) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise StructureError(_("A value of the table is not a number."))
    if isinstance(raw, float) and not math.isfinite(raw):
        raise StructureError(_("A value of the table is not a number."))
    try:
        number = Decimal(str(raw))
    except InvalidOperation:
        # PxWeb marks missing figures with symbols such as "." or "..".
        return None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 16:
        raise StructureError(_("A value of the table is out of range."))
    return number


def _category_codes(dimension_id: str, dimension: dict) -> tuple[list[str], dict[str, str]]:
    category = dimension.get("category") if isinstance(dimension, dict) else None
    if not isinstance(category, dict):
        raise StructureError(
            _("The dimension %(dimension)s has no categories.") % {"dimension": dimension_id}
        )
    index = category.get("index")
    labels = category.get("label") or {}
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, dict):
        try:
            codes = [str(code) for code, _pos in sorted(index.items(), key=lambda item: item[1])]
        except TypeError:
            raise StructureError(
                _("The dimension %(dimension)s has a malformed index.")
                % {"dimension": dimension_id}
            ) from None
    elif isinstance(labels, dict) and len(labels) == 1:
        # A dimension of one category may leave the index out.
        codes = [str(next(iter(labels)))]
    else:
        raise StructureError(
            _("The dimension %(dimension)s has no category index.") % {"dimension": dimension_id}
        )
    if not isinstance(labels, dict):
        labels = {}
    return codes, {code: str(labels.get(code, code)) for code in codes}


def parse(document: dict) -> Dataset:
    """The dataset of a JSON-stat 2 document, its shape checked; StructureError if malformed."""
    if not isinstance(document, dict) or document.get("class") != "dataset":
        raise StructureError(_("The answer is not a JSON-stat 2 dataset."))
    if str(document.get("version", "")) != "2.0":
        raise StructureError(_("The answer is not JSON-stat version 2.0."))
    ids, sizes, dimensions = document.get("id"), document.get("size"), document.get("dimension")
    if (
        not isinstance(ids, list)
        or not isinstance(sizes, list)
        or not isinstance(dimensions, dict)
        or len(ids) != len(sizes)
        or not ids
    ):
        raise StructureError(_("The dataset's dimensions (id, size, dimension) do not match."))
    parsed = []
    for dimension_id, size in zip(ids, sizes, strict=True):
        if not isinstance(dimension_id, str) or dimension_id not in dimensions:
            raise StructureError(
                _("The dimension %(dimension)s is not described.") % {"dimension": dimension_id}
            )
        codes, labels = _category_codes(dimension_id, dimensions[dimension_id])
        if len(codes) != size:
            raise StructureError(
                _("The dimension %(dimension)s has %(found)d categories, its size says %(size)s.")
                % {"dimension": dimension_id, "found": len(codes), "size": size}
            )
        parsed.append(Dimension(id=dimension_id, codes=codes, labels=labels))
    values = document.get("value")
    total = math.prod(sizes)
    if isinstance(values, list):
        if len(values) != total:
            raise StructureError(
                _("The dataset has %(found)d values, its dimensions need %(total)d.")
                % {"found": len(values), "total": total}
            )
    elif not isinstance(values, dict):
        raise StructureError(_("The dataset has no values."))
    return Dataset(dimensions=parsed, values=values, updated=str(document.get("updated", "")))


def dataset(
    *,
    label: str,
    source: str,
    updated: str,
    dimensions: list[tuple[str, str, list[tuple[str, str]]]],
    cells: dict[tuple[str, ...], float],
    roles: dict[str, list[str]] | None = None,
    units: dict[str, dict] | None = None,
    extension: dict | None = None,
) -> dict:
    """A JSON-stat 2 dataset: `dimensions` are (id, label, [(code, label), ...]) in order,
    `cells` maps a tuple of codes (one per dimension) to its value; missing cells are null."""
    document: dict = {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": source,
        "id": [dimension_id for dimension_id, _label, _categories in dimensions],
        "size": [len(categories) for _id, _label, categories in dimensions],
        "dimension": {},
    }
    if updated:
        document["updated"] = updated
    for dimension_id, dimension_label, categories in dimensions:
        category: dict = {
            "index": [code for code, _label in categories],
            "label": dict(categories),
        }
        if units and dimension_id in units:
            category["unit"] = units[dimension_id]
        document["dimension"][dimension_id] = {"label": dimension_label, "category": category}
    code_lists = [[code for code, _label in categories] for _id, _label, categories in dimensions]
    document["value"] = [cells.get(combination) for combination in itertools.product(*code_lists)]
    if roles:
        document["role"] = roles
    if extension:
        document["extension"] = extension
    return document
