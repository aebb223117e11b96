from django.urls import path

from kraft.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("sprak/", views.set_language, name="set_language"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("health/", views.health, name="health"),
]
