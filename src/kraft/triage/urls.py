from django.urls import path

from kraft.triage import exports, views, views_journey

app_name = "triage"

urlpatterns = [
    path("", views.national_view, name="national"),
    path("regler/", views.rules_view, name="rules"),
    path("regler/omprova/", views.rerun_view, name="rerun"),
    path("initiativ/<int:pk>/", views.initiative_view, name="initiative"),
    path("initiativ/<int:pk>/fragor/", views_journey.journey_view, name="journey"),
    path("initiativ/<int:pk>/spara/", views_journey.save_view, name="save"),
    path("initiativ/<int:pk>/borja-om/", views_journey.restart_view, name="restart"),
    path("initiativ/<int:pk>/skyldigheter/<int:obligation_id>/", views.obligation_view, name="obligation"),
    path("organisation/<int:pk>/", views.organisation_view, name="organisation"),
    path("organisation/<int:pk>/inventering/", exports.inventory_view, name="inventory"),
]
