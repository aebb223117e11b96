# ruff: noqa: E501 - the table of invented examples reads best one example per block
"""Demo data for the registry (``load(stdout)``, idempotent).

1. The real Swedish AI cases of EU Public Sector Tech Watch and EU AI Watch, published under the municipalities
   and regions that run them (AI Watch's copies of PSTW cases are skipped as duplicates).
2. International cases as inspiration: AI Watch, the UK ATRS, the Dutch register and a selection of PSTW's
   local and regional cases; the Dutch supplier descriptions as supplier templates.
3. Invented examples, every one titled "Demoexempel: …" with ``source_name = "Kraft demoexempel"``: drafts,
   initiatives with expected effects and evaluated ones with measured effects, for the demo organisations and
   for other municipalities and regions, so that the map, statistics and ROI have something to show.
"""

from __future__ import annotations

import random
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from kraft.initiatives import importers, services
from kraft.initiatives.importers import sources
from kraft.initiatives.importers.base import ImportRecord
from kraft.initiatives.models import Initiative
from kraft.organisations.models import Organisation

DATA = Path(__file__).resolve().parent / "data"
ACTOR = "demo"
DEMO_SOURCE = "Kraft demoexempel"
PSTW_INTERNATIONAL = 200  # a selection: local and regional government cases
INSPIRATION_COUNTRIES = {"NO", "DK", "FI", "NL", "EE", "DE", "BE", "FR", "ES", "IT", "AT", "IE", "PT", "GB"}


def load(stdout: Any, *, international: bool = True) -> None:
    """``international=False`` loads only what concerns Sweden (for tests that need the demo quickly)."""
    stdout.write("Initiativ: riktiga fall från offentliga register och demoexempel …")
    pstw = Initiative.objects.filter(source_name=sources.PSTW["source_name"])
    steps: list[tuple[str, str, Any, str, QuerySet[Initiative]]] = [
        ("pstw", "eu_pstw_2026-03-04.csv", _swedish, "", pstw.filter(country="SE")),
        ("aiwatch", "eu_aiwatch_services.json", None if international else _swedish, "", _from(sources.AIWATCH)),
        ("atrs", "uk_atrs_records.json", None, "", _from(sources.ATRS)),
        ("nl_register", "nl_register_pilot_2022.csv", None, "", _from(sources.NL_REGISTER)),
        ("nl_templates", "nl_vendor_templates.json", None, "", _from(sources.NL_TEMPLATES)),
        ("pstw", "eu_pstw_2026-03-04.csv", _international_selection(), "internationella", pstw.exclude(country="SE")),
    ]
    for fmt, filename, select, label, loaded in steps if international else steps[:2]:
        if loaded.exists():  # idempotent and quick: a source that is in place is left as it is
            stdout.write(f"  {f'{fmt} {label}'.strip()}: finns redan ({loaded.count()} poster)")
            continue
        _import(stdout, fmt, filename, select=select, label=label)
    created = _examples()
    swedish = Initiative.objects.filter(
        status=Initiative.Status.PUBLISHED,
        record_type=Initiative.RecordType.INITIATIVE,
        country="SE",
        lead_organisation__kind__in=[Organisation.Kind.KOMMUN, Organisation.Kind.REGION],
    )
    real = swedish.exclude(source_name=DEMO_SOURCE).count()
    stdout.write(
        f"  {created} nya demoexempel; {swedish.count()} publicerade svenska initiativ under kommuner och regioner "
        f"({real} riktiga fall, {swedish.count() - real} demoexempel)"
    )


def _from(source: dict[str, str]) -> QuerySet[Initiative]:
    return Initiative.objects.filter(source_name=source["source_name"])


def _swedish(record: ImportRecord) -> bool:
    return record.values.get("country") == "SE"


def _import(stdout: Any, fmt: str, filename: str, select: Any = None, label: str = "") -> None:
    report = importers.run_import(
        (DATA / filename).read_bytes(), fmt, actor=ACTOR, dry_run=False, filename=filename, select=select
    )
    name = f"{fmt} {label}".strip()
    if report.errors:
        stdout.write(f"  {name}: {len(report.errors)} fel, inget importerat: {report.errors[0]}")
        return
    stdout.write(
        f"  {name}: {report.created} nya, {report.updated} uppdaterade, {report.skipped} överhoppade, "
        f"{report.linked_swedish} svenska kopplade till kommun/region"
    )


def _international_selection() -> Any:
    chosen: set[str] = set()

    def select(record: ImportRecord) -> bool:
        if record.values.get("country") not in INSPIRATION_COUNTRIES or len(chosen) >= PSTW_INTERNATIONAL:
            return False
        if record.values.get("source_id") in chosen:
            return False
        keep = "municipal" in record.lead.lower() or "city" in record.lead.lower() or "region" in record.lead.lower()
        if keep:
            chosen.add(record.values["source_id"])
        return keep

    return select


# ------------------------------------------------------------------ invented examples


def _hours(
    description: str, hours: str, people: str, per_year: str, cost: str = "450", **measured: Any
) -> dict[str, Any]:
    effect = {
        "dimension": "tidsbesparing",
        "description": description,
        "unit": "hours",
        "basis": "measured" if measured else "expected",
        "hours": Decimal(hours),
        "people": Decimal(people),
        "periods_per_year": Decimal(per_year),
        "hourly_cost": Decimal(cost),
    }
    return effect | measured


def _sek(dimension: str, description: str, amount: str, per_year: str = "1", **measured: Any) -> dict[str, Any]:
    effect = {
        "dimension": dimension,
        "description": description,
        "unit": "sek",
        "basis": "measured" if measured else "expected",
        "amount": Decimal(amount),
        "periods_per_year": Decimal(per_year),
    }
    return effect | measured


def _measured(baseline: str, method: str, on: str = "2025-10-01") -> dict[str, Any]:
    return {"baseline": baseline, "method": method, "measured_on": date.fromisoformat(on)}


def _costs(one_off: str, recurring: str) -> list[dict[str, Any]]:
    return [
        {"description": "Upphandling, införande och utbildning", "kind": "one_off", "amount": Decimal(one_off)},
        {"description": "Licenser och drift", "kind": "recurring", "amount": Decimal(recurring)},
    ]


# (title, summary, area slug, technique slug, stage, risk class, effects, one-off cost, recurring cost)
USE_CASES: list[tuple[str, str, str, str, str, str, list[dict[str, Any]], str, str]] = [
    ("Chattbot för kontaktcentret", "En chattbot svarar på vanliga frågor dygnet runt och lämnar över till en handläggare vid behov.",
     "medborgarservice", "sprakteknologi", "i_drift", "begransad",
     [_hours("Färre samtal om enkla frågor", "20", "3", "52")], "250000", "90000"),
    ("Taligenkänning för dokumentation i hemtjänsten", "Personalen dikterar sina anteckningar i mobilen i stället för att skriva dem vid datorn.",
     "vard-och-omsorg", "taligenkanning", "pilot", "begransad",
     [_hours("Kortare tid för dokumentation", "2", "40", "52", "380")], "300000", "120000"),
    ("Prognos över behovet av förskoleplatser", "Befolkningsdata och byggplaner ger en prognos per område fem år framåt.",
     "forskola", "prognos-och-prediktion", "i_drift", "minimal",
     [_sek("kostnadsbesparing", "Färre tillfälliga paviljonger", "400000")], "180000", "40000"),
    ("Ruttoptimering i hemtjänsten", "Besöken planeras så att restiden blir kortare och kontinuiteten högre.",
     "vard-och-omsorg", "optimering", "i_drift", "minimal",
     [_hours("Kortare restid", "1", "60", "220", "380")], "450000", "150000"),
    ("Beslutsstöd för ekonomiskt bistånd", "Ett stöd som sammanställer underlag åt handläggaren; beslutet fattas alltid av en människa.",
     "socialtjanst", "beslutsstod", "pilot", "hog",
     [_hours("Snabbare utredning", "1.5", "12", "52")], "500000", "150000"),
    ("Bildanalys av vägskador", "Kameror på kommunens fordon hittar potthål och sprickor så att underhållet kan planeras.",
     "samhallsbyggnad-och-stadsplanering", "bildanalys", "pilot", "minimal",
     [_sek("kostnadsbesparing", "Lägre kostnad för inventering", "220000")], "350000", "60000"),
    ("AI-assistent för tjänstepersoner", "En språkmodell i kommunens egen miljö hjälper till med sammanfattningar och utkast.",
     "administration-och-ekonomi", "generativ-ai", "pilot", "begransad",
     [_hours("Snabbare skrivarbete", "1", "200", "44")], "600000", "400000"),
    ("Automatisk hantering av leverantörsfakturor", "Fakturor konteras och attestflöden föreslås automatiskt.",
     "administration-och-ekonomi", "automatisering", "i_drift", "minimal",
     [_hours("Mindre manuell kontering", "25", "1", "52", "420")], "200000", "80000"),
    ("Prognos av energianvändning i kommunens fastigheter", "Styrning av värme och ventilation efter prognos sänker energianvändningen.",
     "miljo-och-klimat", "prognos-och-prediktion", "skalad", "minimal",
     [_sek("hallbarhet", "Lägre energikostnad", "650000")], "400000", "90000"),
    ("Översättning av skolinformation till hemspråk", "Information till vårdnadshavare översätts maskinellt och granskas av modersmålslärare.",
     "skola-och-utbildning", "sprakteknologi", "i_drift", "begransad",
     [_sek("kostnadsbesparing", "Färre externa översättningar", "15000", "12")], "90000", "45000"),
    ("Analys av synpunkter från medborgardialog", "Tusentals fritextsvar sorteras i teman så att politiken får en överblick.",
     "medborgarservice", "sprakteknologi", "forstudie", "minimal",
     [_hours("Snabbare sammanställning", "80", "2", "2")], "120000", "20000"),
    ("Upptäckt av läckor i vattenledningsnätet", "Flödes- och tryckdata avslöjar läckor tidigare.",
     "miljo-och-klimat", "prognos-och-prediktion", "pilot", "minimal",
     [_sek("kostnadsbesparing", "Mindre förlorat dricksvatten", "300000")], "380000", "70000"),
    ("Resursplanering i räddningstjänsten", "Historik över larm och väder ger en bättre fördelning av styrkor.",
     "raddningstjanst", "optimering", "forstudie", "minimal",
     [_hours("Mindre övertid", "10", "4", "52", "500")], "250000", "50000"),
    ("Matchning av vikarier i förskola och skola", "Lediga pass matchas mot vikarier med rätt behörighet.",
     "hr", "optimering", "i_drift", "minimal",
     [_hours("Mindre tid för bemanning", "6", "10", "44", "400")], "150000", "60000"),
]  # fmt: skip

# Real municipalities and regions that show the invented examples (spread over the country).
EXAMPLE_PLACES = [
    "0180", "1480", "1280", "0380", "0580", "1880", "2480", "2580", "0680", "1980", "1283", "2180", "0880",
    "1380", "0780", "1780", "2081", "2380", "0484", "1490", "0581", "1290", "0884", "1081", "1880", "2281",
    "0114", "0126", "1401", "1862", "2584", "0980",
]  # fmt: skip
EXAMPLE_REGIONS = ["Region Skåne", "Region Stockholm", "Västra Götalandsregionen", "Region Jämtland Härjedalen"]


def _places() -> list[Organisation]:
    seen: set[int] = set()
    places = []
    for code in EXAMPLE_PLACES:
        org = Organisation.objects.filter(municipality_code=code).first()
        if org and org.pk not in seen:
            seen.add(org.pk)
            places.append(org)
    places += list(Organisation.objects.filter(kind=Organisation.Kind.REGION, name__in=EXAMPLE_REGIONS))
    return places


STAGES = ("forstudie", "pilot", "pilot", "i_drift", "i_drift", "skalad", "avslutad")
PARTNER_CHANCE = 0.3


def _variant(source_id: str) -> random.Random:
    """A fixed random stream per example, so each place gets its own figures, stage and dates on every run."""
    return random.Random(zlib.crc32(source_id.encode()))


@transaction.atomic
def _examples() -> int:
    created = 0
    places = _places()
    for number, org in enumerate(places):
        source_id = f"demo-{number + 1}"
        chance = _variant(source_id)
        use = USE_CASES[(number * 5 + chance.randrange(len(USE_CASES))) % len(USE_CASES)]
        neighbours = [p for p in places if p.county_id == org.county_id and p.pk != org.pk]
        partners = [chance.choice(neighbours)] if neighbours and chance.random() < PARTNER_CHANCE else []
        evaluated = chance.random() < 0.35
        created += _example(source_id, org, use, evaluated=evaluated, publish=True, partners=partners)
    created += _demo_organisation_examples()
    return created


def _scaled(effect: dict[str, Any], factor: Decimal) -> dict[str, Any]:
    """The same kind of effect at another organisation's scale (people or amounts grow with its size)."""
    scaled = dict(effect)
    for key, step in (("people", Decimal("1")), ("amount", Decimal("1000"))):
        if scaled.get(key) is not None:
            scaled[key] = max(step, (scaled[key] * factor / step).quantize(Decimal("1")) * step)
    return scaled


def _own_pace(effect: dict[str, Any], chance: random.Random) -> dict[str, Any]:
    """Each place saves its own time per person (its routines differ), to a tenth of an hour."""
    if effect.get("hours") is not None:
        effect["hours"] = max(
            Decimal("0.1"), (effect["hours"] * Decimal(str(chance.uniform(0.75, 1.25)))).quantize(Decimal("0.1"))
        )
    return effect


def _size_factor(org: Organisation, chance: random.Random) -> Decimal:
    """Bigger organisations have more people and money at stake (square root of the population, bounded)."""
    size = (Decimal(org.population or 60_000) / Decimal(60_000)).sqrt()
    jitter = Decimal(str(round(chance.uniform(0.7, 1.3), 2)))
    return (min(Decimal("4"), max(Decimal("0.3"), size)) * jitter).quantize(Decimal("0.01"))


def _example(
    source_id: str, org: Organisation, use: tuple[Any, ...], *, evaluated: bool, publish: bool, partners: Any = ()
) -> int:
    if Initiative.objects.filter(source_name=DEMO_SOURCE, source_id=source_id).exists():
        return 0
    chance = _variant(source_id)
    title, summary, area, technique, stage, risk, effects, one_off, recurring = use
    factor = _size_factor(org, chance)
    effects = [_own_pace(_scaled(dict(e), factor), chance) for e in effects]
    started = date(2019 + chance.randrange(7), 1 + chance.randrange(12), 1 + chance.randrange(28))
    stage = chance.choice(STAGES) if chance.random() < 0.6 else stage
    if evaluated:
        effects.append(_measured_effect(effects[0], started, chance))
        stage = stage if stage in ("i_drift", "skalad", "avslutad") else "i_drift"
    cost_factor = factor * Decimal(str(round(chance.uniform(0.8, 1.25), 2)))
    costs = _costs(str(_round_cost(Decimal(one_off) * cost_factor)), str(_round_cost(Decimal(recurring) * cost_factor)))
    services.create_initiative(
        ACTOR,
        {
            "title": f"Demoexempel: {title}, {_short_name(org)}",
            "summary": summary,
            "description": "Påhittat exempel som visar hur Kraft fungerar; inte ett verkligt initiativ i "
            f"{org}.\n\n{summary}",
            "welfare_area": area,
            "technique": technique,
            "stage": stage,
            "risk_class": risk,
            "start_date": started,
            "end_date": date(started.year + 2, started.month, 1) if stage == "avslutad" else None,
            "horizon_years": chance.choice((3, 3, 5)),
            "tags": ["demoexempel"],
            "contact_name": "Demokontakt",
            "contact_email": "demo@example.se",
            "country": "SE",
        },
        lead_organisation=org,
        partners=partners,
        effects=effects,
        costs=costs,
        source_name=DEMO_SOURCE,
        source_id=source_id,
        licence="CC0-1.0",
        attribution="Påhittat demoexempel i Kraft",
        publish=publish,
    )
    return 1


METHODS = (
    "Jämförelse av loggdata sex månader före och efter",
    "Tidsstudie två veckor före och två veckor efter införandet",
    "Uppföljning i ekonomisystemet, helår mot föregående år",
    "Enkät till medarbetarna och stickprov i ärendesystemet",
)


def _measured_effect(expected: dict[str, Any], started: date, chance: random.Random) -> dict[str, Any]:
    """What was measured: between half and somewhat more than what was expected, a year or two after the start."""
    measured = dict(expected)
    ratio = Decimal(str(round(chance.uniform(0.45, 1.15), 2)))
    for key in ("hours", "amount"):
        if measured.get(key) is not None:
            measured[key] = (measured[key] * ratio).quantize(Decimal("0.01"))
    measured |= {"basis": "measured", "description": f"{measured['description']} (uppmätt)"}
    on = min(date(2026, 10, 1), date(started.year + 1 + chance.randrange(2), 1 + chance.randrange(12), 1))
    return measured | _measured("Arbetssätt och tidsåtgång före införandet", chance.choice(METHODS), on.isoformat())


def _round_cost(amount: Decimal) -> Decimal:
    return max(Decimal("10000"), (amount / 5000).quantize(Decimal("1")) * 5000)


def _short_name(org: Organisation) -> str:
    name = str(org.name)
    for suffix in ("s kommun", " kommun"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _demo_organisation_examples() -> int:
    """Sundsvall and its neighbours (the accounts demo's organisations): drafts and evaluated examples."""
    orgs = {
        o.name: o
        for o in Organisation.objects.filter(name__in=["Sundsvalls kommun", "Timrå kommun", "Härnösands kommun"])
    }
    if len(orgs) < 3:
        return 0
    sundsvall, timra, harnosand = orgs["Sundsvalls kommun"], orgs["Timrå kommun"], orgs["Härnösands kommun"]
    return sum(
        [
            _example("sundsvall-1", sundsvall, USE_CASES[0], evaluated=True, publish=True, partners=[timra]),
            _example("sundsvall-2", sundsvall, USE_CASES[1], evaluated=False, publish=False),
            _example("sundsvall-3", sundsvall, USE_CASES[6], evaluated=False, publish=False),
            _example("timra-1", timra, USE_CASES[3], evaluated=True, publish=True),
            _example("timra-2", timra, USE_CASES[10], evaluated=False, publish=False),
            _example("harnosand-1", harnosand, USE_CASES[8], evaluated=True, publish=True, partners=[sundsvall]),
        ]
    )
