"""The finance app's sections for menus, the home page's service links and the site search."""

from django.utils.translation import gettext_lazy as _

from portal.sections import Section

SECTIONS = [
    Section(
        key="finance.index",
        title=_("Finances"),
        url_name="finance:index",
        description=_("The budget, interim reports and financial statements, also as open data."),
        keywords=_("finance finances budget interim report financial statements money tax"),
        order=60,
    ),
]
