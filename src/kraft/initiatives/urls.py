from django.urls import path

from kraft.initiatives import pdf, views, views_edit, views_io, views_map, views_staff, views_stats

app_name = "initiatives"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("karta/", views_map.map_view, name="map"),
    path("statistik/", views_stats.statistics_view, name="statistics"),
    path("nytt/", views_edit.create_view, name="create"),
    path("klassificering/", views_staff.classification_list_view, name="classifications"),
    path("klassificering/<slug:kind>/ny/", views_staff.classification_edit_view, name="classification_add"),
    path("klassificering/<slug:kind>/<int:pk>/", views_staff.classification_edit_view, name="classification_edit"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/andra/", views_edit.edit_view, name="edit"),
    path(
        "<int:pk>/partner/<int:organisation_pk>/<str:answer>/",
        views.partner_answer_view,
        name="partner_answer",
    ),
    path("<int:pk>/publicera/", views_edit.publish_view, name="publish"),
    path("<int:pk>/arkivera/", views_edit.archive_view, name="archive"),
    path("<int:pk>/utga-fran/", views_edit.copy_view, name="copy"),
    path("<int:pk>/effekter/", views_edit.effects_view, name="effects"),
    path("<int:pk>/effekter/<int:effect_id>/", views_edit.effect_edit_view, name="effect_edit"),
    path("<int:pk>/effekter/<int:effect_id>/ta-bort/", views_edit.effect_delete_view, name="effect_delete"),
    path("<int:pk>/kostnader/<int:cost_id>/", views_edit.cost_edit_view, name="cost_edit"),
    path("<int:pk>/kostnader/<int:cost_id>/ta-bort/", views_edit.cost_delete_view, name="cost_delete"),
    path("<int:pk>/historik/", views.history_view, name="history"),
    path("<int:pk>/historik/jamfor/", views.diff_view, name="diff"),
    path("<int:pk>/skalning/", views.scaled_view, name="scaled"),
    path("<int:pk>/pdf/", pdf.initiative_pdf, name="pdf"),
    path("importera/", views_io.import_view, name="import"),
    path("exportera/", views_io.export_view, name="export"),
    path("dcat.jsonld", views_io.dcat_view, name="dcat"),
]
