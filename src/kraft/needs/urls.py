from django.urls import path

from kraft.needs import views, views_data

app_name = "needs"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("nytt/", views.create_view, name="create"),
    path("karta/", views_data.map_view, name="map"),
    path("statistik/", views_data.statistics_view, name="statistics"),
    path("export.<str:fmt>", views_data.export_view, name="export"),
    path("dcat.jsonld", views_data.dcat_view, name="dcat"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/andra/", views.edit_view, name="edit"),
    path("<int:pk>/publicera/", views.publish_view, name="publish"),
    path("<int:pk>/status/", views.status_view, name="status"),
    path("<int:pk>/historik/", views.history_view, name="history"),
    path("<int:pk>/signal/", views.signal_view, name="signal"),
    path("<int:pk>/signal/<int:signal_id>/ta-bort/", views.signal_delete_view, name="signal_delete"),
]
