"""The key figures' section for menus, the home page's service links and the site search."""

from django.utils.translation import gettext_lazy as _

from portal.sections import Section

SECTIONS = [
    Section(
        key="indicators.index",
        title=_("Key figures"),
        url_name="indicators:index",
        description=_(
            "The municipality's economy, employment and regional development, compared with "
            "its neighbours, the region and the whole country."
        ),
        keywords=_("key figures indicators statistics unemployment economy population"),
        order=60,
    ),
]
