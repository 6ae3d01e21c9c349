"""Demo pages and news of the demo municipality."""


def load(*, stdout) -> None:
    """Create the demo municipality's pages in fi, sv and en; keep what exists."""
