"""The welfare areas and AI techniques of the registry. Staff edit them later in the admin; this only seeds them."""

from django.db import migrations

WELFARE_AREAS = [
    ("vard-och-omsorg", "Vård och omsorg", "Health and social care"),
    ("socialtjanst", "Socialtjänst", "Social services"),
    ("skola-och-utbildning", "Skola och utbildning", "Schools and education"),
    ("forskola", "Förskola", "Preschool"),
    ("kollektivtrafik-och-mobilitet", "Kollektivtrafik och mobilitet", "Public transport and mobility"),
    ("samhallsbyggnad-och-stadsplanering", "Samhällsbyggnad och stadsplanering", "Urban development and planning"),
    ("miljo-och-klimat", "Miljö och klimat", "Environment and climate"),
    ("kultur-och-fritid", "Kultur och fritid", "Culture and leisure"),
    ("medborgarservice", "Medborgarservice", "Citizen services"),
    ("administration-och-ekonomi", "Administration och ekonomi", "Administration and finance"),
    ("hr", "HR", "Human resources"),
    ("it-och-informationssakerhet", "IT och informationssäkerhet", "IT and information security"),
    ("raddningstjanst", "Räddningstjänst", "Rescue services"),
    ("ovrigt", "Övrigt", "Other"),
]

TECHNIQUES = [
    ("generativ-ai", "Generativ AI och språkmodeller", "Generative AI and language models"),
    ("sprakteknologi", "Språkteknologi", "Language technology"),
    ("taligenkanning", "Taligenkänning", "Speech recognition"),
    ("bildanalys", "Bildanalys", "Image analysis"),
    ("prognos-och-prediktion", "Prognos och prediktion", "Forecasting and prediction"),
    ("optimering", "Optimering", "Optimisation"),
    ("beslutsstod", "Beslutsstöd", "Decision support"),
    ("automatisering", "Automatisering med AI", "Automation with AI"),
    ("ovrigt", "Övrigt", "Other"),
]


def seed(apps, schema_editor):
    for model_name, rows in (("WelfareArea", WELFARE_AREAS), ("Technique", TECHNIQUES)):
        model = apps.get_model("initiatives", model_name)
        for order, (slug, name, name_en) in enumerate(rows, start=1):
            model.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "order": order * 10})


def unseed(apps, schema_editor):
    """Leave staff-edited data in place when migrating backwards."""


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
