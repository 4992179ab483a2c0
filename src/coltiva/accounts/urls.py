from django.contrib.auth import views as auth_views
from django.urls import path

from coltiva.accounts import twofactor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", twofactor_views.login_verify, name="login_verify"),
    path("two-factor/", twofactor_views.two_factor, name="two_factor"),
    path("two-factor/app/", twofactor_views.app_setup, name="two_factor_app"),
    path("two-factor/recovery/", twofactor_views.recovery_codes, name="two_factor_recovery"),
    path("two-factor/disable/", twofactor_views.disable, name="two_factor_disable"),
    path(
        "two-factor/passkeys/<int:pk>/remove/",
        twofactor_views.remove_passkey,
        name="two_factor_remove_passkey",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("confirm/again/", views.resend_confirmation, name="resend_confirmation"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("sessions/<int:pk>/logout/", views.end_session, name="end_session"),
    path("sessions/logout-others/", views.end_other_sessions, name="end_other_sessions"),
    path("security/", views.security_log, name="security_log"),
    path("profile/", views.profile, name="profile"),
    path("language/", views.set_language, name="set_language"),
    path(
        "password/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/message.html"),
        name="password_change_done",
    ),
    path(
        "reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/message.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/message.html"),
        name="password_reset_complete",
    ),
]
