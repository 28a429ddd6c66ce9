from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "rituals"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("share/", views.share_early, name="share"),
    path("timer/", views.timer_start, name="timer"),
    path("schedule/", views.schedule, name="schedule"),
    path("history/", views.history, name="history"),
    path("weeks/<int:pk>/", views.week_detail, name="week"),
    path("answers/<int:pk>/actions/<int:index>/goal/", views.action_goal, name="action_goal"),
    path("answers/<int:pk>/actions/<int:index>/promise/", views.action_promise, name="action_promise"),
    path("goals/", views.goals, name="goals"),
    path("goals/new/", views.goal_new, name="goal_new"),
    path("goals/<int:pk>/", views.goal_detail, name="goal"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("goals/<int:pk>/steps/", views.step_add, name="step_add"),
    path("goals/<int:pk>/steps/<int:step_id>/toggle/", views.step_toggle, name="step_toggle"),
    path("goals/<int:pk>/steps/<int:step_id>/delete/", views.step_delete, name="step_delete"),
]
