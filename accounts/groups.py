"""Staff groups: stable English names (identifiers) and translated labels for the UI."""

from django.utils.translation import gettext_lazy as _

CASE_HANDLERS = "Case handlers"
MEETING_SECRETARIES = "Meeting secretaries"
EDITORS = "Editors"
INTEGRATION_ADMINS = "Integration admins"
DIGITAL_DEVELOPMENT = "Digital development"
FINANCE_STAFF = "Finance staff"

STAFF_GROUP_LABELS = {
    CASE_HANDLERS: _("case handlers"),
    MEETING_SECRETARIES: _("meeting secretaries"),
    EDITORS: _("editors"),
    INTEGRATION_ADMINS: _("integration admins"),
    DIGITAL_DEVELOPMENT: _("digital development"),
    FINANCE_STAFF: _("finance staff"),
}
