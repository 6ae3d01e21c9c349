import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.fixtures.roles import RoleSpec, create_user, sign_in

DEVELOPER = RoleSpec("developer", "kehittaja@example.fi", ("Digital development",), mfa=True)


@pytest.fixture
def developer(db):
    Group.objects.get_or_create(name="Digital development")
    return create_user(DEVELOPER)


@pytest.fixture
def developer_client(developer):
    client = Client()
    sign_in(client, developer, mfa=True)
    return client
