"""English: "1 December 2026, 17:00", "1.12.2026, 17:00" (day first, a 24-hour clock)."""

from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y, H:i"
