"""The accessibility crawl's targets of each domain app (see tests/e2e/crawl.py)."""
