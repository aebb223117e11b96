from django.urls import path

from kraft.portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/vikter/", views.save_weights, name="weights"),
    path("<int:pk>/beslut/", views.decisions, name="decisions"),
    path("<int:pk>/besluta/", views.decide, name="decide"),
    path("<int:pk>/timmar/", views.estimate, name="estimate"),
    path("<int:pk>/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("<int:pk>/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
]
