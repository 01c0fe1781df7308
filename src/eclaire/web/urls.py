from django.contrib.auth import views as auth_views
from django.urls import include, path

from eclaire.web.organizations import views as org_views

urlpatterns = [
    path("", org_views.home, name="home"),
    path("o/<slug:slug>/", org_views.organization, name="organization"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
]
