from django.urls import path

from eclaire.web.comments import views

app_name = "comments"

_C = "o/<slug:slug>/c/<slug:campaign_slug>/comments/"

urlpatterns = [
    path(_C, views.campaign_comments, name="campaign"),
    path(f"{_C}<str:unit_code>/", views.unit_comments, name="unit"),
]
