"""Writes of the CMS outside the Wagtail admin: publishing pages and their translations."""

import json
import re

import polib
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)


@transaction.atomic
def page_publish_child(*, parent: Page, page: Page) -> Page:
    """Add a page under a parent and publish it as its first revision."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def page_publish_translation(*, source: Page, locale: Locale, page: Page) -> Page:
    """Publish a page as the translation of source, under the parent's translation."""
    page.translation_key = source.translation_key
    page.locale = locale
    source_parent = source.get_parent()
    if source_parent.depth == 1:
        # A site root's translations are its siblings.
        parent = source_parent
    else:
        parent = source_parent.get_translation(locale)
    return page_publish_child(parent=parent, page=page)


def page_canonical_streams(page: Page) -> bool:
    """Store every list of a page's StreamFields in Wagtail's block format (items with ids).

    Lists written as plain Python lists keep that form in the database until an editor saves
    the page; wagtail-localize finds no translatable text in them, and the admin gives their
    items new ids on every save, so their translations would be lost at each edit. Returns
    whether anything changed (the page is not saved).
    """
    from wagtail.fields import StreamField

    changed = False
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        stream = getattr(page, field.name)
        before = json.dumps(stream.get_prep_value(), sort_keys=True, default=str)
        canonical = [child.get_prep_value() for child in stream]
        if json.dumps(canonical, sort_keys=True, default=str) != before:
            setattr(page, field.name, canonical)
            changed = True
    return changed


# Block ids (UUIDs) differ between two separately written pages of the same structure.
_BLOCK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class TranslationMismatch(ValueError):
    """A translated page's content does not have the structure of its source."""


def _segment_shape(segment) -> tuple[str, str]:
    return type(segment).__name__, _BLOCK_ID.sub("*", segment.path)


@transaction.atomic
def page_adopt_as_translation(*, source: Page, translated: Page) -> tuple[object, bool]:
    """Make a page written in another language a wagtail-localize translation of source.

    The translated page's texts become the translations of the source's segments (paired in
    order, so both pages must have the same structure), its differing links and URLs become
    overrides, and the page is regenerated and published from the source, so that later edits
    of the source show up as out of date and sync into the translation editor. Does nothing to
    a page that already is a translation of source. Returns the translation and whether it
    was made now.
    """
    from wagtail_localize.models import (
        SegmentOverride,
        TranslationContext,
        TranslationSource,
    )
    from wagtail_localize.models import Translation as LocalizeTranslation
    from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    # Fresh from the database: objects kept since their creation miss later revisions.
    source = Page.objects.get(pk=source.pk).specific
    translated = Page.objects.get(pk=translated.pk).specific
    if page_canonical_streams(source):
        source.save_revision().publish()
    page_canonical_streams(translated)
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    translation, created = LocalizeTranslation.objects.get_or_create(
        source=translation_source, target_locale=translated.locale
    )
    if not created:
        return translation, False

    kinds = (StringSegmentValue, OverridableSegmentValue)
    original = [
        s for s in extract_segments(translation_source.as_instance()) if isinstance(s, kinds)
    ]
    written = [s for s in extract_segments(translated) if isinstance(s, kinds)]
    if [_segment_shape(s) for s in original] != [_segment_shape(s) for s in written]:
        raise TranslationMismatch(
            f"{translated.locale.language_code} page {translated.pk} ({translated.title!r}) is "
            f"not shaped like its source {source.pk} ({source.title!r})"
        )
    po = polib.POFile(wrapwidth=200)
    for mine, theirs in zip(original, written, strict=True):
        if isinstance(mine, StringSegmentValue):
            po.append(
                polib.POEntry(msgid=mine.string.data, msgctxt=mine.path, msgstr=theirs.string.data)
            )
        elif mine.data != theirs.data:
            context = TranslationContext.objects.get(
                object_id=translation_source.object_id, path=mine.path
            )
            SegmentOverride.objects.update_or_create(
                locale=translated.locale,
                context=context,
                defaults={"data_json": json.dumps(theirs.data)},
            )
    translation.import_po(po)
    # Saved as a draft and published here rather than when the transaction commits, so that the
    # translation is live in the same transaction as the rest of the demo.
    page, _created = translation_source.create_or_update_translation(
        translated.locale, publish=False, fallback=True
    )
    page.get_latest_revision().publish()
    return translation, True


@transaction.atomic
def site_set_default_root(*, hostname: str, port: int, root_page: Page, site_name: str) -> Site:
    """Make root_page the root of the default site at hostname:port."""
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = hostname
    site.port = port
    site.root_page = root_page
    site.site_name = site_name
    site.save()
    return site


@transaction.atomic
def workflow_assign_to_root(*, workflow: Workflow) -> WorkflowPage:
    """Send every page edit through the workflow by assigning it to the tree's root."""
    root = Page.get_first_root_node()
    workflow_page, _created = WorkflowPage.objects.update_or_create(
        page=root, defaults={"workflow": workflow}
    )
    return workflow_page


@transaction.atomic
def workflow_create_group_approval(*, name: str, groups) -> Workflow:
    """Create a one-step workflow in which a member of the groups approves each change."""
    task = GroupApprovalTask.objects.create(name=name)
    task.groups.set(groups)
    workflow = Workflow.objects.create(name=name)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow
