"""factory_boy factories for the standing cast."""

from __future__ import annotations

import factory

from mend.accounts.models import User

TEST_PASSWORD = "a-long-test-passphrase-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    time_zone = "Europe/London"
    country = "GB"
    password = factory.django.Password(TEST_PASSWORD)
