from django.urls import path

from . import views

app_name = "coach"
urlpatterns = [
    path("", views.home, name="home"),
    path("drafts/", views.draft_save, name="draft_save"),
    path("drafts/<int:pk>/", views.draft_open, name="draft_open"),
    path("drafts/<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    path("conversation/", views.conversation, name="conversation"),
    path("listen/", views.listen, name="listen"),
]
