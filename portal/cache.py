"""The Redis cache client: `cache.clear()` removes this portal's keys only.

django-redis clears a cache with FLUSHDB, which would also empty the Celery queue kept in the same
Redis database and the cache of any other portal process group that shares it under another
`CACHE_KEY_PREFIX` (the tests run one per parallel worker).
"""

from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis import exceptions as redis_errors

CLEAR_BATCH = 500


class PrefixedClient(DefaultClient):
    def clear(self, client=None) -> None:
        if client is None:
            client = self.get_client(write=True)
        # Every key this cache writes starts with its prefix (Django's default key function).
        pattern = f"{self._backend.key_prefix}:*"
        try:
            batch = []
            for key in client.scan_iter(match=pattern, count=CLEAR_BATCH):
                batch.append(key)
                if len(batch) >= CLEAR_BATCH:
                    client.unlink(*batch)
                    batch.clear()
            if batch:
                client.unlink(*batch)
        except (
            redis_errors.ConnectionError,
            redis_errors.TimeoutError,
            redis_errors.ResponseError,
            TimeoutError,
        ) as exc:
            raise ConnectionInterrupted(connection=client) from exc
