from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "trust"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("promises/", views.promises, name="promises"),
    path("promises/<int:pk>/kept/", views.promise_kept, name="promise_kept"),
    path("promises/<int:pk>/missed/", views.promise_missed, name="promise_missed"),
    path("promises/<int:pk>/confirm/", views.promise_confirm, name="promise_confirm"),
    path("promises/<int:pk>/dispute/", views.promise_dispute, name="promise_dispute"),
    path("agreements/", views.agreements, name="agreements"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("apologies/", views.apologies, name="apologies"),
    path("apologies/new/", views.apology_new, name="apology_new"),
    path("apologies/<int:pk>/", views.apology_detail, name="apology"),
    path("apologies/<int:pk>/edit/", views.apology_edit, name="apology_edit"),
    path("apologies/<int:pk>/send/", views.apology_send, name="apology_send"),
    path("apologies/<int:pk>/respond/", views.apology_respond, name="apology_respond"),
    path("appreciations/", views.appreciations, name="appreciations"),
    path("appreciations/<int:pk>/send/", views.appreciation_send, name="appreciation_send"),
    path("acts/", views.acts, name="acts"),
    path("acts/log/", views.act_log, name="act_log"),
    path("acts/distance/", views.act_distance, name="act_distance"),
    path("moments/", views.moments, name="moments"),
]
