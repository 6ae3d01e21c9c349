"""Settings of the benchmark's server: the portal's own, plus a bare view to compare with."""

from portal.settings import *  # noqa: F403 - the same settings, two overrides

ROOT_URLCONF = "portal.bench_urls"
# The benchmark's client stands where a production proxy does: a route that answers as many
# respondents (survey submission) sends each request from an address of its own in
# X-Forwarded-For, so that the per-address limits are counted as in production without one
# address reaching them.
TRUSTED_PROXIES = ["127.0.0.1"]
