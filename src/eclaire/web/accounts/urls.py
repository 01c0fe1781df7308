from django.contrib.auth import views as auth_views
from django.urls import path

from eclaire.web.accounts import views
from eclaire.web.accounts.forms import AccountPasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("o/<slug:slug>/people/invite/", views.invite, name="invite"),
    path("accounts/invitation/<str:token>/", views.accept, name="accept"),
]

password_reset_patterns = [
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(form_class=AccountPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
"""Django's reset views under their default names (outside the namespace, as they expect)."""
