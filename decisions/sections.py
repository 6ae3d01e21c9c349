"""The decisions app's sections for menus, the home page's service links and the site search."""

from django.utils.translation import gettext_lazy as _

from portal.sections import Section

SECTIONS = [
    Section(
        key="decisions.index",
        title=_("Decisions"),
        url_name="decisions:index",
        description=_("Upcoming meetings, agendas, minutes and officeholder decisions."),
        keywords=_("decision decisions meeting meetings agenda minutes council committee"),
        order=40,
    ),
    Section(
        key="decisions.search",
        title=_("Search decisions"),
        url_name="decisions:search",
        description=_("Search agenda items and officeholder decisions by word, body and date."),
        keywords=_("decision decisions search agenda item"),
        in_menu=False,
        order=45,
    ),
]
