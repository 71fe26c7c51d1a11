from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import oidc, twofactor, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", oidc.logout_view, name="logout"),  # also ends an SSO session at its IdP
    path("sso/terug/", oidc.LoginCallback.as_view(), name="oidc_callback"),
    path("sso/<slug:slug>/", oidc.LoginStart.as_view(), name="oidc_start"),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("gemeente/<str:code>/auditlog/", views.audit_log, name="audit_log"),
    path("tweestapsverificatie/", twofactor.second_factor, name="otp"),
]
