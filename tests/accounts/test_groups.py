"""The staff groups and their permissions, as created by the accounts migrations."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail.snippets.models import get_snippet_models

from accounts.groups import STAFF_GROUP_LABELS


def _codenames(group) -> set[str]:
    return set(group.permissions.values_list("codename", flat=True))


@pytest.mark.django_db
def test_groups__every_staff_group_exists_with_admin_access():
    for name in STAFF_GROUP_LABELS:
        assert "access_admin" in _codenames(Group.objects.get(name=name)), name


@pytest.mark.django_db
def test_groups__editors_edit_and_publish_pages_from_the_root():
    editors = Group.objects.get(name="Editors")
    root = Page.get_first_root_node()

    codenames = set(
        GroupPagePermission.objects.filter(group=editors, page=root).values_list(
            "permission__codename", flat=True
        )
    )

    assert {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"} <= codenames


@pytest.mark.django_db
def test_groups__editors_manage_images_and_documents_in_every_collection():
    editors = Group.objects.get(name="Editors")
    root = Collection.get_first_root_node()

    codenames = set(
        GroupCollectionPermission.objects.filter(group=editors, collection=root).values_list(
            "permission__codename", flat=True
        )
    )

    assert {"add_image", "change_image", "choose_image", "delete_image"} <= codenames
    assert {"add_document", "change_document", "choose_document", "delete_document"} <= codenames


@pytest.mark.django_db
def test_groups__editors_edit_every_snippet():
    editors = Group.objects.get(name="Editors")
    snippet_models = get_snippet_models()
    assert snippet_models

    for model in snippet_models:
        assert f"change_{model._meta.model_name}" in _codenames(editors), model


@pytest.mark.django_db
def test_groups__other_staff_groups_have_no_cms_content_permissions():
    for name in ("Case handlers", "Meeting secretaries", "Integration admins"):
        group = Group.objects.get(name=name)
        # Their domain permissions come with the domain apps' own migrations (e.g. cases).
        others = group.permissions.exclude(
            content_type__app_label__in=("cases", "decisions", "participation")
        )
        assert set(others.values_list("codename", flat=True)) == {"access_admin"}
        assert not GroupPagePermission.objects.filter(group=group).exists()
