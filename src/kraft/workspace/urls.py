from django.urls import path

from kraft.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.my_work, name="home"),
]
