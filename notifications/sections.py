"""The notifications app's section: a signed-in resident's inbox (not offered on the home page)."""

from django.utils.translation import gettext_lazy as _

from portal.sections import Section

SECTIONS = [
    Section(
        key="notifications.inbox",
        title=_("Notifications"),
        url_name="notifications:inbox",
        description=_("Messages about your cases and the subscriptions you have made."),
        requires_login=True,
        in_menu=False,
        on_home_page=False,
        in_sitemap=False,
        order=60,
    ),
]
