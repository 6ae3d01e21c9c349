"""Page types of the portal's content, the municipality's site settings and the menus."""

from django.db import models
from django.http import HttpResponseNotAllowed
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import (
    BodyBlock,
    HighlightBlock,
    OpeningHoursBlock,
    ServiceLinkBlock,
    TopicBodyBlock,
)
from cms.selectors import page_of, pages_public
from cms.snippets import FooterLink, FooterLinks, MainMenu, MainMenuItem

__all__ = [
    "AccessibilityStatementPage",
    "ContactPage",
    "FooterLink",
    "FooterLinks",
    "HomePage",
    "MainMenu",
    "MainMenuItem",
    "MunicipalitySettings",
    "NewsIndexPage",
    "NewsPage",
    "StandardPage",
    "TopicPage",
]

# The name of the hook through which later apps (meetings, surveys) add sections to the home
# page: a function (request, page) that returns (slot, html) or None, where slot is
# "upcoming_meetings" or "open_surveys".
HOME_PAGE_SECTION_HOOK = "cms_home_page_section"
HOME_PAGE_SLOTS = ("upcoming_meetings", "open_surveys")

SNIPPET_LENGTH = 30
SAFE_METHODS = ("GET", "HEAD")


def _plain(text: str) -> str:
    return Truncator(strip_tags(text or "").strip()).words(SNIPPET_LENGTH)


class BasePage(Page):
    """Shared behaviour of the portal's pages: a snippet for search results."""

    class Meta:
        abstract = True

    @property
    def search_snippet(self) -> str:
        return self.search_description or ""

    def serve(self, request, *args, **kwargs):
        # None of these pages is a form: a write to one is refused instead of answered as a read.
        if request.method not in SAFE_METHODS:
            return HttpResponseNotAllowed(SAFE_METHODS)
        return super().serve(request, *args, **kwargs)


class HomePage(BasePage):
    """The front page of one language: top tasks, introduction, highlights and the latest news."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    service_links = StreamField(
        [("service_link", ServiceLinkBlock())],
        verbose_name=_("service links"),
        blank=True,
        help_text=_("The residents' top tasks, shown first on the home page."),
    )
    highlights = StreamField(
        [("highlight", HighlightBlock())], verbose_name=_("highlights"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("service_links"),
        FieldPanel("highlights"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.NewsIndexPage",
        "cms.TopicPage",
        "cms.AccessibilityStatementPage",
        "cms.ContactPage",
    ]

    class Meta:
        verbose_name = _("home page")

    @property
    def search_snippet(self) -> str:
        return self.search_description or _plain(self.intro)

    def route(self, request, path_components):
        # Wagtail walks the tree one query per level; the whole path in one query keeps the
        # query count of every page the same however deep it is. Pages with routes of their
        # own (a path that is no page's URL) fall back to Wagtail's walk.
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(
                slug=path_components[-1],
                depth=self.depth + len(path_components),
                url_path=url_path,
            ).first()
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = pages_public(
            NewsPage.objects.filter(locale_id=self.locale_id)
        ).order_by("-date", "-pk")[:3]
        context["news_index"] = (
            NewsIndexPage.objects.live().child_of(self).only("id", "url_path", "title").first()
        )
        sections = dict.fromkeys(HOME_PAGE_SLOTS, "")
        for fn in hooks.get_hooks(HOME_PAGE_SECTION_HOOK):
            result = fn(request, self)
            if result:
                slot, html = result
                sections[slot] = sections.get(slot, "") + html
        context["home_sections"] = sections
        context["service_links"] = [
            link
            for block in self.service_links
            if (link := block.block.link(block.value, request)) is not None
        ]
        return context


class StandardPage(BasePage):
    """A content page of services and information, built from blocks."""

    intro = models.TextField(_("introduction"), blank=True)
    # With the processing-time block: a service page states processing times only through it.
    body = StreamField(TopicBodyBlock(), verbose_name=_("main content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage", "cms.TopicPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    @property
    def search_snippet(self) -> str:
        return self.search_description or _plain(self.intro)


class TopicPage(BasePage):
    """A service area (e.g. housing, early childhood education) with its pages and case types."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(TopicBodyBlock(), verbose_name=_("main content"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("topic page")

    @property
    def search_snippet(self) -> str:
        return self.search_description or _plain(self.intro)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = pages_public(self.get_children()).only("id", "url_path", "title")
        return context


class NewsIndexPage(BasePage):
    """The list of news in one language, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1
    per_page = 10

    class Meta:
        verbose_name = _("news index")

    @property
    def search_snippet(self) -> str:
        return self.search_description or _plain(self.intro)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = pages_public(NewsPage.objects.child_of(self)).order_by("-date", "-pk")
        context["news"] = page_of(news, number=request.GET.get("page"), per_page=self.per_page)
        return context


class NewsPage(BasePage):
    """A news item: date, a lead paragraph and the body."""

    date = models.DateField(_("date"), default=timezone.localdate)
    lead = models.TextField(_("lead"), help_text=_("One or two sentences shown in news lists."))
    body = StreamField(BodyBlock(), verbose_name=_("main content"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []
    # What a shared link's preview calls it (Open Graph).
    og_type = "article"

    class Meta:
        verbose_name = _("news page")
        # The latest news (home page, news index): walked newest first instead of sorting every
        # news page of the site.
        indexes = [models.Index(fields=["date", "page_ptr"], name="cms_newspage_date_idx")]

    @property
    def search_snippet(self) -> str:
        return self.search_description or _plain(self.lead)


class ConformanceStatus(models.TextChoices):
    FULL = "full", _("The website fully meets the accessibility requirements.")
    PARTIAL = "partial", _("The website partially meets the accessibility requirements.")
    NONE = "none", _("The website does not meet the accessibility requirements.")


class AccessibilityStatementPage(BasePage):
    """The accessibility statement required by the Act on the Provision of Digital Services."""

    conformance_status = models.CharField(
        _("conformance status"),
        max_length=10,
        choices=ConformanceStatus.choices,
        default=ConformanceStatus.PARTIAL,
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    non_accessible_content = RichTextField(
        _("non-accessible content"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_("What is not accessible, why, and how to get the content otherwise."),
    )
    prepared_on = models.DateField(_("date prepared"))
    reviewed_on = models.DateField(_("date last reviewed"), null=True, blank=True)
    feedback_email = models.EmailField(_("feedback e-mail"))
    feedback_url = models.URLField(_("feedback form address"), blank=True)
    enforcement_authority = models.CharField(
        _("enforcement authority"),
        max_length=200,
        help_text=_("The authority that supervises accessibility, in this page's language."),
    )
    enforcement_authority_url = models.URLField(_("enforcement authority address"))
    enforcement_authority_contact = models.TextField(
        _("enforcement authority contact details"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("conformance_status"),
        FieldPanel("intro"),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")], heading=_("dates")),
        MultiFieldPanel(
            [FieldPanel("feedback_email"), FieldPanel("feedback_url")],
            heading=_("feedback channel"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_authority"),
                FieldPanel("enforcement_authority_url"),
                FieldPanel("enforcement_authority_contact"),
            ],
            heading=_("enforcement procedure"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("non_accessible_content")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")

    @property
    def search_snippet(self) -> str:
        return self.search_description or _plain(self.intro)


class ContactPage(BasePage):
    """The municipality's contact details: address, phone, e-mail and opening hours."""

    intro = models.TextField(_("introduction"), blank=True)
    visiting_address = models.TextField(_("visiting address"))
    postal_address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40)
    email = models.EmailField(_("e-mail"))
    opening_hours = StreamField(
        [("opening_hours", OpeningHoursBlock())], verbose_name=_("opening hours"), blank=True
    )
    body = StreamField(BodyBlock(), verbose_name=_("more information"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("visiting_address"),
                FieldPanel("postal_address"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("contact details"),
        ),
        FieldPanel("opening_hours"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("visiting_address"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("contact page")

    @property
    def search_snippet(self) -> str:
        return self.search_description or _plain(self.intro)


@register_setting(icon="site")
class MunicipalitySettings(BaseSiteSetting):
    """The portal's and the municipality's names in each language, and the footer's contacts."""

    # Translated per language (cms/translation.py): "Avoin kunta" / "Öppen kommun".
    portal_name = models.CharField(
        _("portal name"),
        max_length=80,
        blank=True,
        help_text=_("Shown in the header, page titles, feeds and e-mails."),
    )
    # "Rantalan kunta" / "Strandby kommun": the municipality's official name in each language.
    municipality_name = models.CharField(_("municipality name"), max_length=80, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("portal_name_fi"),
                FieldPanel("portal_name_sv"),
                FieldPanel("portal_name_en"),
                FieldPanel("municipality_name_fi"),
                FieldPanel("municipality_name_sv"),
                FieldPanel("municipality_name_en"),
            ],
            heading=_("names"),
        ),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
    ]

    class Meta:
        verbose_name = _("municipality")
