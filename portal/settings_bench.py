"""Settings of the benchmark's server: the portal's own, plus a bare view to compare with."""

from portal.settings import *  # noqa: F403 - the same settings, one override

ROOT_URLCONF = "portal.bench_urls"
