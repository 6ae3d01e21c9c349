"""Writes of the CMS outside the Wagtail admin: publishing pages and their translations."""

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
