"""Path converters of the decisions pages."""


class IdConverter:
    """A database id: at most 18 digits, so that it always fits a 64-bit column."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
