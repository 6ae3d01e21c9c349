"""The Redis cache: clearing it removes the keys of its own prefix and nothing else."""

import os
import uuid

import pytest
import redis
from django_redis.cache import RedisCache


def _cache(url: str, prefix: str) -> RedisCache:
    return RedisCache(
        url, {"KEY_PREFIX": prefix, "OPTIONS": {"CLIENT_CLASS": "portal.cache.PrefixedClient"}}
    )


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("no REDIS_URL; set it to run the tests of the Redis cache")
    return url


def test_clear__removes_its_own_keys_and_leaves_other_prefixes_and_the_broker_alone(redis_url):
    run = uuid.uuid4().hex
    ours, theirs = _cache(redis_url, f"ours-{run}"), _cache(redis_url, f"theirs-{run}")
    raw = redis.Redis.from_url(redis_url)
    queue = f"celery-queue-{run}"  # Celery keeps its queue in the same database
    try:
        ours.set_many({f"key-{n}": n for n in range(1200)})  # more than one batch
        ours.set("other-version", 1, version=2)
        theirs.set("key-1", "kept")
        raw.rpush(queue, "a task")

        ours.clear()

        assert ours.get("key-1") is None
        assert ours.get("other-version", version=2) is None
        assert not list(raw.scan_iter(match=f"ours-{run}:*"))
        assert theirs.get("key-1") == "kept"
        assert raw.lrange(queue, 0, -1) == [b"a task"]
    finally:
        theirs.clear()
        raw.delete(queue)
