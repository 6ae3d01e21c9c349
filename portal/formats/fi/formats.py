"""Finnish: "1. joulukuuta 2026 klo 17.00", "1.12.2026 klo 17.00" (Django's says "kello")."""

from django.conf.locale.fi.formats import *  # noqa: F403

TIME_FORMAT = "G.i"
DATETIME_FORMAT = r"j. E Y \k\l\o G.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = r"j.n.Y \k\l\o G.i"
