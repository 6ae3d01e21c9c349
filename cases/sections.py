"""The cases app's sections for menus, the home page's service links and the site search."""

from django.utils.translation import gettext_lazy as _

from portal.sections import Section

SECTIONS = [
    Section(
        key="cases.my_cases",
        title=_("My cases"),
        url_name="cases:my_cases",
        description=_("Follow how your own matters progress and when to expect a decision."),
        keywords=_("my cases matters application status"),
        requires_login=True,
        in_sitemap=False,
        order=10,
    ),
    Section(
        key="cases.lookup",
        title=_("Look up a case"),
        url_name="cases:lookup",
        description=_("Check a case's progress with its reference and tracking code."),
        keywords=_("case lookup tracking code reference"),
        order=20,
    ),
    Section(
        key="cases.processing_times",
        title=_("Processing times"),
        url_name="cases:case_types",
        description=_("How long the municipality usually takes to decide each kind of matter."),
        keywords=_("processing time case types how long"),
        order=30,
    ),
]
