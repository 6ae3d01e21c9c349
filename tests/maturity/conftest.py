import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in

DEVELOPER = ROLE_SPECS["digital_developer"]


@pytest.fixture
def developer(db):
    Group.objects.get_or_create(name="Digital development")
    return create_user(DEVELOPER)


@pytest.fixture
def developer_client(developer):
    client = Client()
    sign_in(client, developer, mfa=True)
    return client
