from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from coltiva.accounts import leaving_views, twofactor_views, views

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
    path("leave/", leaving_views.leave, name="leave"),
    path("leave/download/", leaving_views.download_everything, name="download_everything"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("profile/", views.profile, name="profile"),
    path("language/", views.set_language, name="set_language"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/message.html"),
        name="password_change_done",
    ),
    path(
        "reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/message.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/message.html"),
        name="password_reset_complete",
    ),
]
