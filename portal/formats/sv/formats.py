"""Swedish as written in Finland: "1 december 2026 kl. 17.00", "1.12.2026 kl. 17.00"."""

from django.conf.locale.sv.formats import *  # noqa: F403

TIME_FORMAT = "G.i"
DATETIME_FORMAT = r"j F Y \k\l. G.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = r"j.n.Y \k\l. G.i"
