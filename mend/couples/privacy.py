"""The privacy model in one place.

Every stored item has an owner and a visibility: `private` (owner only) or `shared` (both
partners of the active couple it belongs to). Reads go through `visible_to(user)`; object
lookups through `get_visible_or_404` / `get_owned_or_404`, which answer 404 to anyone else, so
a partner or an outsider cannot even learn that an item exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

if TYPE_CHECKING:
    from mend.accounts.models import User

M = TypeVar("M", bound=models.Model)


class Visibility(models.TextChoices):
    PRIVATE = "private", "Only me"
    SHARED = "shared", "Shared with my partner"


def active_couple_ids(user: User) -> models.QuerySet[Any]:
    """Subquery of the user's active couple id (zero or one row); keeps reads to one query."""
    from mend.couples.models import Membership

    return Membership.objects.active().filter(user=user).values("couple_id")


class OwnedQuerySet(models.QuerySet[M]):
    def owned_by(self, user: User) -> OwnedQuerySet[M]:
        return self.filter(owner=user)

    def visible_to(self, user: User) -> OwnedQuerySet[M]:
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(owner=user) | Q(visibility=Visibility.SHARED, couple__in=active_couple_ids(user))
        )


class OwnedModel(models.Model):
    """Base for anything a person writes: it has an owner and a visibility."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    couple = models.ForeignKey(
        "couples.Couple", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    visibility = models.CharField(max_length=8, choices=Visibility.choices, default=Visibility.PRIVATE)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True


def get_visible_or_404(queryset: models.QuerySet[M] | type[M], user: User, **lookup: Any) -> M:
    """The object if `user` may see it (owner, or partner of a shared item); 404 otherwise."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    try:
        return qs.visible_to(user).get(**lookup)  # type: ignore[attr-defined,no-any-return]
    except ObjectDoesNotExist as error:
        raise Http404("Not found.") from error


def get_owned_or_404(queryset: models.QuerySet[M] | type[M], user: User, **lookup: Any) -> M:
    """The object if `user` owns it (needed to change it); 404 otherwise."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    if not user.is_authenticated:
        raise Http404("Not found.")
    try:
        return qs.filter(owner=user).get(**lookup)
    except ObjectDoesNotExist as error:
        raise Http404("Not found.") from error
