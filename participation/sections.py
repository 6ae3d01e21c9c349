"""The participation app's sections for menus, the home page's service links and the search."""

from django.utils.translation import gettext_lazy as _

from portal.sections import Section

SECTIONS = [
    Section(
        key="participation.surveys",
        title=_("Surveys"),
        url_name="participation:index",
        description=_("Answer the open surveys and see the results of earlier ones."),
        keywords=_("survey surveys youth questionnaire answer results"),
        order=50,
    ),
]
