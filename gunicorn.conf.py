"""gunicorn's settings for the portal's web processes (read from the working directory).

gunicorn has no limit on a request's body: the portal refuses a body over its route's limit from
the declared Content-Length before reading it (portal/request_limits.py, REQUEST_MAX_BYTES and
REQUEST_MAX_BYTES_BY_ROUTE, largest 51 MB), and the reverse proxy in front states the same
largest limit (e.g. nginx `client_max_body_size 51m;`, docs/operations.md). What gunicorn bounds
is the request line and headers, which it reads itself.

gunicorn reads this file from its working directory, so every gunicorn started in the project
(Dockerfile, docker-compose.yml, `make bench`, the browser tests) gets these bounds; the address,
the number of workers and the log stay on each command line.
"""

import os

# A worker that takes longer than this on one request is killed and replaced; upload checks give
# up well before (UPLOAD_CHECK_SECONDS).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The application is loaded once in the master before the workers are forked, with the Swedish
# dictionary (about 39 MB of Python objects that search needs for Swedish word forms), so that
# the workers share those pages instead of each building its own copy. gc.freeze() keeps the
# collector from touching, and so copying, them in every worker. A deploy restarts gunicorn:
# with the code preloaded, `kill -HUP` starts new workers from the old code.
preload_app = True


def when_ready(server):
    import gc

    from portal import textsearch

    textsearch.preload()
    gc.collect()
    gc.freeze()
