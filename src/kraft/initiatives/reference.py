"""The welfare areas and AI techniques the registry starts with (slug, Swedish name, English name).

Seeded by migration 0002; staff edit them afterwards at /initiativ/klassificering/. ``ensure_classifications``
puts back missing rows (tests that flush the database, or an operator who deleted one by mistake).
"""

from __future__ import annotations

from typing import Any

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


def ensure_classifications(apps: Any = None) -> int:
    """Create the rows that are missing; never overwrite what staff have changed. Returns how many were created."""
    created = 0
    for model_name, rows in (("WelfareArea", WELFARE_AREAS), ("Technique", TECHNIQUES)):
        if apps is not None:
            model = apps.get_model("initiatives", model_name)
        else:
            from kraft.initiatives import models

            model = getattr(models, model_name)
        for order, (slug, name, name_en) in enumerate(rows, start=1):
            _row, was_created = model.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "order": order * 10}
            )
            created += was_created
    return created
