from django.urls import include, path

from kraft.api import api

urlpatterns = [
    path("", include("kraft.core.urls")),
    path("konto/", include("kraft.accounts.urls")),
    path("organisationer/", include("kraft.organisations.urls")),
    path("logg/", include("kraft.audit.urls")),
    path("initiativ/", include("kraft.initiatives.urls")),
    path("kunskap/", include("kraft.knowledge.urls")),
    path("sok/", include("kraft.search.urls")),
    path("mognad/", include("kraft.assessments.urls")),
    path("portfolj/", include("kraft.portfolio.urls")),
    path("ai-forordningen/", include("kraft.triage.urls")),
    path("api/v1/", api.urls),
]

handler400 = "kraft.core.views.error_400"
handler403 = "kraft.core.views.error_403"
handler404 = "kraft.core.views.error_404"
handler500 = "kraft.core.views.error_500"
