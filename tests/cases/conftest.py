import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


@pytest.fixture
def make_resident(db):
    def make(email: str, language: str = "fi"):
        user = get_user_model().objects.create_user(
            username=email, email=email, password="x", language=language
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make
