from .matrix import ACTION, OWN, PRIVATE_OBJECT, SECRET, Route, World

ROUTES = [
    Route("coach/", OWN),
    Route("coach/drafts/", ACTION, owner_status=(302,)),
    Route("coach/drafts/<int:pk>/", PRIVATE_OBJECT, kwargs=lambda w: {"pk": w["alice_draft"]}),
    Route(
        "coach/drafts/<int:pk>/delete/",
        ACTION,
        kwargs=lambda w: {"pk": w["alice_draft"]},
        owner_status=(302,),
    ),
    Route("coach/conversation/", OWN),
    Route("coach/listen/", OWN),
    Route("POST /api/v1/coach/analyze", ACTION),
    Route("POST /api/v1/coach/analyze-batch", ACTION),
    Route("POST /api/v1/coach/escalation", ACTION),
    Route("POST /api/v1/coach/reflect", ACTION),
]


def build(world: World) -> None:
    from mend.coach.models import SavedDraft

    world["alice_draft"] = SavedDraft.objects.create(owner=world["alice"], text=f"draft {SECRET}").pk


def grow(world: World, n: int) -> None:
    from mend.coach.models import SavedDraft

    for i in range(n):
        SavedDraft.objects.create(owner=world["alice"], text=f"more history {i}")
        SavedDraft.objects.create(owner=world["bob"], text=f"bob history {i}")
