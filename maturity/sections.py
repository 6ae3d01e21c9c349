"""The digital maturity app's sections for menus, the home page's service links and the search."""

from django.utils.translation import gettext_lazy as _

from portal.sections import Section

SECTIONS = [
    Section(
        key="maturity.index",
        title=_("Digital maturity"),
        url_name="maturity:index",
        description=_(
            "How digital the municipality's services are, what digitalisation would save, and how "
            "we compare with other municipalities."
        ),
        keywords=_("digital maturity digitalisation e-services savings potential comparison"),
        in_menu=False,
        order=80,
    ),
]
