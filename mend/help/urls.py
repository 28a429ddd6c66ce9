from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "help"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("now/", views.now, name="now"),
    path("faq/", views.faq_page, name="faq"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("report/", views.report, name="report"),
    path("report/preview/", views.report_preview, name="report_preview"),
    path("report/summary.pdf", views.report_pdf, name="report_pdf"),
    path("situations/", views.situations, name="situations"),
    path("situations/breakup/", views.breakup, name="breakup"),
    path("situations/breakup/no-contact/", views.breakup_no_contact, name="breakup_no_contact"),
    path("situations/breakup/<int:pk>/delete/", views.reflection_delete, name="reflection_delete"),
    path("situations/long-distance/", views.long_distance, name="long_distance"),
    path("situations/solo/", views.solo, name="solo"),
]
