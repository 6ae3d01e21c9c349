"""StreamField blocks that editors compose pages from."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock as WagtailImageBlock

from portal import sections


class HeadingBlock(blocks.StructBlock):
    """A section heading; pages have their own h1, so levels start at 2."""

    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("heading 2")), ("h3", _("heading 3")), ("h4", _("heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("heading")
        template = "cms/blocks/heading_block.html"
        preview_value = {"text": "Asuminen ja rakentaminen", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text without headings of level 1, which belong to the page title."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("rich text")
        template = "cms/blocks/paragraph_block.html"
        preview_value = "<p>Kunta neuvoo rakentamiseen liittyvissä asioissa arkisin klo 9–15.</p>"


class ImageBlock(WagtailImageBlock):
    """An image with alt text, or an explicit "decorative" flag (Wagtail's own validation)."""

    class Meta:
        icon = "image"
        label = _("image")
        template = "cms/blocks/image_block.html"
        # An image needs a stored file, so the preview has none.
        preview_value = None


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box that leads the reader to one next step."""

    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.TextBlock(label=_("text"), required=False)
    link_page = blocks.PageChooserBlock(label=_("link to a page"), required=False)
    link_url = blocks.URLBlock(label=_("or an external address"), required=False)
    link_label = blocks.CharBlock(label=_("link text"), max_length=100)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("link_page")) == bool(value.get("link_url")):
            from django.core.exceptions import ValidationError
            from wagtail.blocks.struct_block import StructBlockValidationError

            raise StructBlockValidationError(
                block_errors={
                    "link_url": ValidationError(_("Choose either a page or an external address."))
                }
            )
        return value

    class Meta:
        icon = "pick"
        label = _("call to action")
        template = "cms/blocks/call_to_action_block.html"
        preview_value = {
            "title": "Hae varhaiskasvatuspaikkaa",
            "text": "Hae paikkaa viimeistään neljä kuukautta ennen tarvetta.",
            "link_url": "https://example.fi/",
            "link_label": "Täytä hakemus",
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    body = ParagraphBlock(label=_("content"))


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open one by one; works without JavaScript."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("items"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("accordion")
        template = "cms/blocks/accordion_block.html"
        preview_value = {
            "heading": "Usein kysyttyä",
            "items": [
                {"title": "Milloin haku päättyy?", "body": "<p>Neljä kuukautta ennen.</p>"},
                {"title": "Mitä hoito maksaa?", "body": "<p>Maksu riippuu tuloista.</p>"},
            ],
        }


class TableBlock(blocks.StructBlock):
    """A data table with a caption and header cells.

    Built from plain blocks rather than wagtail.contrib.table_block, whose cells
    wagtail-localize cannot extract for translation.
    """

    caption = blocks.CharBlock(label=_("caption"), max_length=200)
    header = blocks.ListBlock(blocks.CharBlock(label=_("cell")), label=_("column headings"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("cell"), required=False), label=_("row")),
        label=_("rows"),
    )
    first_column_is_header = blocks.BooleanBlock(
        label=_("first column is a header"), required=False, default=False
    )

    class Meta:
        icon = "table"
        label = _("table")
        template = "cms/blocks/table_block.html"
        preview_value = {
            "caption": "Varhaiskasvatuksen kuukausimaksut",
            "header": ["Hoitoaika", "Enimmäismaksu"],
            "rows": [["yli 35 h/vko", "311 €"], ["alle 25 h/vko", "187 €"]],
            "first_column_is_header": True,
        }


class HighlightBlock(blocks.StructBlock):
    """A short lift on the home page that leads to a page."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    page = blocks.PageChooserBlock(label=_("page"))

    class Meta:
        icon = "link"
        label = _("highlight")
        template = "cms/blocks/highlight_block.html"
        preview_value = {"title": "Varhaiskasvatus", "text": "Hae paikkaa ajoissa."}


class ServiceLinkBlock(blocks.StructBlock):
    """A top task on the home page: an application section, a page or an external address."""

    section = blocks.ChoiceBlock(
        label=_("application section"),
        choices=sections.choices,
        required=False,
        help_text=_("Its title, description and address follow the reader's language."),
    )
    page = blocks.PageChooserBlock(label=_("or a page"), required=False)
    url = blocks.URLBlock(label=_("or an external address"), required=False)
    title = blocks.CharBlock(
        label=_("title"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to use the section's or page's title."),
    )
    text = blocks.CharBlock(label=_("short description"), max_length=200, required=False)

    class Meta:
        icon = "link"
        label = _("service link")
        template = "cms/blocks/service_link_block.html"
        preview_value = {"section": "cases.lookup", "title": "", "text": ""}

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        targets = [bool(value.get("section")), bool(value.get("page")), bool(value.get("url"))]
        if sum(targets) != 1:
            raise StructBlockValidationError(
                block_errors={
                    "section": ValidationError(
                        _("Choose one of an application section, a page or an external address.")
                    )
                }
            )
        if value.get("url") and not value.get("title"):
            raise StructBlockValidationError(
                block_errors={"title": ValidationError(_("An external link needs a title."))}
            )
        return value

    def link(self, value, request=None) -> dict | None:
        """{url, title, text} in the active language; None when the target is gone."""
        title, text = value.get("title") or "", value.get("text") or ""
        if value.get("section"):
            section = sections.get(value["section"])
            if section is None:
                return None
            return {
                "url": section.url(),
                "title": title or section.title,
                "text": text or section.description,
            }
        page = value.get("page")
        if page is not None:
            if not page.live:
                return None
            return {"url": page.get_url(request), "title": title or page.title, "text": text}
        if value.get("url"):
            return {"url": value["url"], "title": title, "text": text}
        return None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["link"] = self.link(value, request)
        return context


class OpeningHoursBlock(blocks.StructBlock):
    """One line of opening hours, e.g. "Mon–Fri" and "9–15"."""

    days = blocks.CharBlock(label=_("days"), max_length=100)
    hours = blocks.CharBlock(label=_("hours"), max_length=100)

    class Meta:
        icon = "time"
        label = _("opening hours")
        template = "cms/blocks/opening_hours_block.html"
        preview_value = {"days": "ma–pe", "hours": "9–15"}


def case_type_choices() -> list[tuple[str, str]]:
    """The active case types, by code (a code survives copying the page to another language)."""
    from cases.models import CaseType

    return [
        (case_type.code, str(case_type)) for case_type in CaseType.objects.filter(is_active=True)
    ]


class ProcessingTimeBlock(blocks.StructBlock):
    """A case type's processing time: the statistics, or the declared time while there are few."""

    case_type = blocks.ChoiceBlock(label=_("case type"), choices=case_type_choices)

    class Meta:
        icon = "time"
        label = _("processing time")
        template = "cases/includes/processing_time.html"
        preview_value = {"case_type": ""}

    def get_context(self, value, parent_context=None):
        from cases.models import CaseType
        from cases.selectors import STATISTICS_MIN_COUNT, STATISTICS_WINDOW_DAYS

        context = super().get_context(value, parent_context=parent_context)
        context["case_type"] = CaseType.objects.filter(code=value.get("case_type")).first()
        context["min_count"] = STATISTICS_MIN_COUNT
        context["window_days"] = STATISTICS_WINDOW_DAYS
        return context

    def render(self, value, context=None):
        parent = dict(context) if context is not None else None
        new_context = self.get_context(value, parent_context=parent)
        # A case type removed since the page was written leaves no empty box behind.
        if new_context["case_type"] is None:
            return ""
        return mark_safe(render_to_string(self.meta.template, new_context))  # noqa: S308


def survey_choices() -> list[tuple[str, str]]:
    """The surveys the public may see, newest first, by id."""
    from participation.policies import surveys_visible_to
    from portal.translation import translated

    surveys = surveys_visible_to(None).select_related(None).order_by("-opens_at", "pk")
    return [(str(survey.pk), translated(survey, "title").text) for survey in surveys]


class SurveyBlock(blocks.StructBlock):
    """A survey with its state and a link to answer it or to see its results."""

    survey = blocks.ChoiceBlock(label=_("survey"), choices=survey_choices)

    class Meta:
        icon = "form"
        label = _("survey")
        template = "cms/blocks/survey_block.html"
        preview_value = {"survey": ""}

    def get_context(self, value, parent_context=None):
        from django.utils.translation import get_language

        from cms.selectors import survey_hit
        from participation.policies import surveys_visible_to
        from portal.translation import normalise_language

        context = super().get_context(value, parent_context=parent_context)
        survey = None
        if str(value.get("survey") or "").isdigit():
            survey = surveys_visible_to(None).filter(pk=int(value["survey"])).first()
        language = normalise_language(get_language())
        context["state"] = survey.state() if survey is not None else ""
        context["hit"] = survey_hit(survey, language, language) if survey is not None else None
        return context

    def render(self, value, context=None):
        parent = dict(context) if context is not None else None
        new_context = self.get_context(value, parent_context=parent)
        # A survey unpublished since the page was written leaves no empty box behind.
        if new_context["hit"] is None:
            return ""
        return mark_safe(render_to_string(self.meta.template, new_context))  # noqa: S308


class BodyBlock(blocks.StreamBlock):
    """The content blocks of standard and topic pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = TableBlock()
    survey = SurveyBlock()


class TopicBodyBlock(BodyBlock):
    """Topic and standard pages may also show a case type's processing time (from the
    statistics, so that a page and the statistics cannot disagree)."""

    processing_time = ProcessingTimeBlock()
