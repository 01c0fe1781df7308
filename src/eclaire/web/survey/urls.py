"""Respondent addresses. Their shapes are fixed by ``eclaire.web.collection.links``."""

from django.urls import path

from eclaire.web.survey import views

urlpatterns = [
    path("s/", views.plain, name="survey-plain"),
    path("s/done/", views.thanks, name="survey-thanks"),
    path("s/<str:token>/", views.welcome, name="survey-welcome"),
    path("s/<str:token>/p/<int:n>/", views.page, name="survey-page"),
    path("s/<str:token>/review/", views.review, name="survey-review"),
    path("u/<str:key>/", views.entry, name="survey-entry"),
    path("u/<str:key>/p/<int:n>/", views.page, name="survey-code-page"),
    path("u/<str:key>/review/", views.review, name="survey-code-review"),
]
