from django.urls import path

from kraft.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("nytt/", views.new_view, name="new"),
    path("notiser/", views.notifications_view, name="notifications"),
    path("notiser/lasta/", views.mark_read_view, name="mark_read"),
    path("installningar/", views.settings_view, name="settings"),
    path("<int:pk>/", views.conversation_view, name="conversation"),
]
