from django.urls import path

from kraft.matchmaking import views

app_name = "matchmaking"

urlpatterns = [
    path("forslag/", views.suggest_view, name="suggest"),
    path("omdome/", views.feedback_view, name="feedback"),
]
