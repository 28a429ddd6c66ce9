from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from mend.core.ratelimit import ratelimit

from . import views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("tokens/", views.tokens, name="tokens"),
    path("security/", views.security, name="security"),
    path("2fa/", views.two_factor, name="two_factor"),
    path("2fa/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("security/logout-everywhere/", views.sessions_revoke, name="sessions_revoke"),
    path("data/", views.data_page, name="data"),
    path("data/export.<str:fmt>", views.export_download, name="export"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/form_page.html",
            success_url=reverse_lazy("accounts:password_change_done"),
            extra_context={"title": "Change password", "submit": "Change password"},
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/message.html",
            extra_context={"title": "Password changed", "text": "Your new password is in place."},
        ),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        ratelimit("password_reset", limit=5, window=900)(
            auth_views.PasswordResetView.as_view(
                template_name="accounts/form_page.html",
                email_template_name="accounts/email/password_reset.txt",
                subject_template_name="accounts/email/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
                extra_context={
                    "title": "Reset your password",
                    "submit": "Send reset link",
                    "intro": "Enter your email. If it belongs to an account, a link to choose a new password is on its way.",
                },
            )
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/message.html",
            extra_context={
                "title": "Check your email",
                "text": "If that address has an account, the reset link is in your inbox. It works for three hours.",
            },
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/form_page.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
            extra_context={"title": "Choose a new password", "submit": "Save password"},
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/message.html",
            extra_context={"title": "Password saved", "text": "You can log in with your new password."},
        ),
        name="password_reset_complete",
    ),
]
