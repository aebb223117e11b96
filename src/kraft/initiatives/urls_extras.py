"""Routes of the registry's open-data pages, included by ``urls.py``."""

from django.urls import path

from kraft.initiatives import views_io

urlpatterns_extras = [
    path("importera/", views_io.import_view, name="import"),
    path("exportera/", views_io.export_view, name="export"),
    path("dcat.jsonld", views_io.dcat_view, name="dcat"),
]
