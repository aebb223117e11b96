from django.apps import apps


def home_figures() -> dict[str, int]:
    """Headline figures for the home page; each app contributes what it has."""
    Organisation = apps.get_model("organisations", "Organisation")
    figures = {
        "municipalities": Organisation.objects.filter(kind="kommun").count(),
        "regions": Organisation.objects.filter(kind="region").count(),
        "organisations": Organisation.objects.filter(status="approved").count(),
    }
    return figures
