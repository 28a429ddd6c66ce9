from .matrix import ACTION, OWN, PRIVATE_OBJECT, SECRET, Route, World


def _entry(world: World) -> dict[str, int]:
    return {"pk": world["journal_entry"]}


def _api_entry(world: World) -> dict[str, int]:
    return {"entry_id": world["journal_entry"]}


ROUTES = [
    Route("journal/", OWN),
    Route("journal/new/", OWN),
    Route("journal/<int:pk>/", PRIVATE_OBJECT, kwargs=_entry),
    Route("journal/<int:pk>/edit/", PRIVATE_OBJECT, kwargs=_entry),
    Route("journal/<int:pk>/delete/", PRIVATE_OBJECT, kwargs=_entry),
    Route("GET /api/v1/journal/entries", OWN),
    Route("POST /api/v1/journal/entries", ACTION),
    Route("GET /api/v1/journal/entries/{entry_id}", PRIVATE_OBJECT, kwargs=_api_entry),
    Route("PATCH /api/v1/journal/entries/{entry_id}", ACTION, kwargs=_api_entry),
    Route("DELETE /api/v1/journal/entries/{entry_id}", ACTION, kwargs=_api_entry),
    Route("GET /api/v1/journal/prompts", OWN),
]


def build(world: World) -> None:
    from django.utils import timezone

    from mend.journal.services import entry_create

    entry = entry_create(
        user=world["alice"],
        title=f"title {SECRET}",
        body=f"what I really think {SECRET}",
        now=timezone.now(),
    )
    world["journal_entry"] = entry.pk


def grow(world: World, n: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mend.journal.services import entry_create

    now = timezone.now()
    for i in range(n):
        entry_create(user=world["alice"], title=f"day {i}", body="more", now=now - timedelta(days=i + 1))
