from django.contrib.auth import views as auth_views
from django.urls import include, path

from eclaire.web.accounts.urls import password_reset_patterns
from eclaire.web.operations.views import healthz
from eclaire.web.organizations import views as org_views

urlpatterns = [
    path("", org_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("organizations/new/", org_views.organization_new, name="organization_new"),
    path("o/<slug:slug>/", org_views.organization, name="organization"),
    path("o/<slug:slug>/units/<str:unit_code>/edit/", org_views.unit_edit, name="unit_edit"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    *password_reset_patterns,
    path("", include("eclaire.web.accounts.urls")),
    path("", include("eclaire.web.comments.urls")),
    path("", include("eclaire.web.survey.urls")),
    path("", include("eclaire.web.collection.urls")),
    path("", include("eclaire.web.uploads.urls")),
    path("", include("eclaire.web.results.urls")),
    path("", include("eclaire.web.plans.urls")),
    path("", include("eclaire.web.results.messages_urls")),
    path("", include("eclaire.web.signals.urls")),
    path("", include("eclaire.web.notifications.urls")),
    path("o/<slug:slug>/c/<slug:campaign>/report/", include("eclaire.web.results.download_urls")),
]
