"""Demo data for the AI Act triage (``load(stdout)``, idempotent).

Thirteen invented AI systems of the demo organisations (Sundsvall, Timrå, Härnösand and the association), each
triaged through the services with answers a municipality would give, across every kind of outcome: high risk
(Annex III 5 a, 3 and 4, and an Annex I product), transparency, minimal (also through the Art. 6(3) exemption),
outside the Act, prohibited and unclear. Owners, statuses, evidence and a reason for "not applicable" are set on
some obligations; the ones that apply since 2025 and are still open show as overdue. Two triages are stored under
the superseded rules version 2025.1 and then re-run, so the demo shows what a new rules version changed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from kraft.initiatives import services as initiative_services
from kraft.initiatives.models import Initiative
from kraft.organisations.models import Organisation
from kraft.triage import rules, services
from kraft.triage.models import Obligation, Triage

ACTOR = "demo"
SOURCE = "Kraft demoexempel (AI-förordningen)"
ASSOCIATION = "Föreningsalliansen Västernorrland"

BOUGHT_IN_USE = {"ai_system": "ja", "roll": "kopt", "anvandning": "i_drift", "undantag": "nej"}
CLASSIFY = {"forbud": "nej", "bilaga_i": "nej"}

# source id, organisation, title, summary, area, technique, stage, answers, rationale for the first answer
SYSTEMS: list[tuple[str, str, str, str, str, str, str, dict[str, str], str]] = [
    (
        "bistand",
        "Sundsvalls kommun",
        "Riskbedömning av långvarigt biståndsbehov",
        "Upphandlat system som bedömer risken för långvarigt biståndsberoende och föreslår insatser.",
        "socialtjanst",
        "prognos-och-prediktion",
        "i_drift",
        BOUGHT_IN_USE
        | {"personuppgifter": "ja_kansliga", "beslut": "underlag", "invanare": "nej"}
        | CLASSIFY
        | {"bilaga_iii": "formaner", "profilering": "ja", "transparenskrav": "inget"},
        "Leverantörens modell är tränad på ärenden från flera kommuner.",
    ),
    (
        "kontaktcenter",
        "Sundsvalls kommun",
        "Chattbot för avfalls- och bygglovsfrågor",
        "En chattbot på webbplatsen svarar på vanliga frågor om avfall, bygglov och förskola dygnet runt.",
        "administration-och-ekonomi",
        "generativ-ai",
        "i_drift",
        BOUGHT_IN_USE
        | {"personuppgifter": "ja", "beslut": "nej", "invanare": "ja_digital"}
        | CLASSIFY
        | {"bilaga_iii": "inget", "transparenskrav": "samtalar"},
        "Bygger på en upphandlad språkmodell.",
    ),
    (
        "sortering",
        "Sundsvalls kommun",
        "Sortering av inkomna handlingar i försörjningsstöd",
        "AI sorterar kompletteringar (lönebesked, hyresavier) till rätt ärende; handläggaren bedömer.",
        "socialtjanst",
        "automatisering",
        "i_drift",
        BOUGHT_IN_USE
        | {"personuppgifter": "ja_kansliga", "beslut": "underlag", "invanare": "nej"}
        | CLASSIFY
        | {"bilaga_iii": "formaner", "profilering": "nej", "undantag_6_3": "a_procedurell", "transparenskrav": "inget"},
        "Sorterar bara efter typ av handling.",
    ),
    (
        "rpa",
        "Sundsvalls kommun",
        "Automatiserade beslut om försörjningsstöd",
        "En robot beviljar återansökningar som uppfyller reglerna i riksnormen; övriga går till handläggare.",
        "socialtjanst",
        "",
        "i_drift",
        {"ai_system": "nej", "personuppgifter": "ja_kansliga", "beslut": "automatiskt", "invanare": "ja_digital"},
        "Reglerna är skrivna av handläggare; ingen inlärning.",
    ),
    (
        "energi",
        "Sundsvalls kommun",
        "Värmebehovsmodell för skolor och äldreboenden",
        "Egenutvecklad modell som förutsäger värmebehovet i skolor och äldreboenden timme för timme.",
        "samhallsbyggnad-och-stadsplanering",
        "prognos-och-prediktion",
        "i_drift",
        {"ai_system": "ja", "roll": "utvecklar_och_anvander", "gpai": "nej", "anvandning": "i_drift", "undantag": "nej"}
        | {"personuppgifter": "nej", "beslut": "nej", "invanare": "nej"}
        | CLASSIFY
        | {"bilaga_iii": "inget", "transparenskrav": "inget", "oppen_kallkod": "nej"},
        "Tränad på mätdata från fastigheterna.",
    ),
    (
        "rekrytering",
        "Sundsvalls kommun",
        "Urval av sökande vid rekrytering",
        "Köpt rekryteringsverktyg som kommunen har tränat om på egna annonser och använder i en pilot.",
        "hr",
        "beslutsstod",
        "pilot",
        {"ai_system": "ja", "roll": "kopt_andrat", "gpai": "nej", "anvandning": "pilot_med_verkan", "undantag": "nej"}
        | {"personuppgifter": "ja", "beslut": "underlag", "invanare": "ja_digital"}
        | CLASSIFY
        | {"bilaga_iii": "anstallning", "profilering": "ja", "transparenskrav": "inget"},
        "Vi har tränat om modellen, så vi räknas som leverantör.",
    ),
    (
        "elevtexter",
        "Timrå kommun",
        "AI-stöd för bedömning av elevtexter",
        "Upphandlas: AI som föreslår betyg på uppsatser i svenska i årskurs 9 inför lärarens bedömning.",
        "skola-och-utbildning",
        "sprakteknologi",
        "forstudie",
        {"ai_system": "ja", "roll": "kopt", "anvandning": "under_utveckling", "undantag": "nej"}
        | {"personuppgifter": "ja_kansliga", "beslut": "underlag", "invanare": "nej"}
        | CLASSIFY
        | {"bilaga_iii": "utbildning", "profilering": "nej", "undantag_6_3": "nej", "transparenskrav": "inget"},
        "",
    ),
    (
        "rutter",
        "Timrå kommun",
        "Dagsplanering av hemtjänstbesök",
        "Planerar dagens besök och körvägar; oklart om planeringen påverkar vilka insatser brukarna får.",
        "vard-och-omsorg",
        "optimering",
        "pilot",
        BOUGHT_IN_USE
        | {"personuppgifter": "ja_kansliga", "beslut": "underlag", "invanare": "nej"}
        | CLASSIFY
        | {"bilaga_iii": "vet_inte"},
        "",
    ),
    (
        "fallsensor",
        "Härnösands kommun",
        "Fallsensor i trygghetsboende",
        "Sensorer tolkar rörelser i lägenheten och larmar personalen vid fall.",
        "vard-och-omsorg",
        "bildanalys",
        "i_drift",
        BOUGHT_IN_USE
        | {"personuppgifter": "ja_kansliga", "beslut": "nej", "invanare": "ja_annat", "forbud": "nej"}
        | {"bilaga_i": "ja_tredje_part", "transparenskrav": "inget"},
        "Produkten är CE-märkt som medicinteknisk produkt.",
    ),
    (
        "nyheter",
        "Härnösands kommun",
        "AI-skrivna driftnyheter på webbplatsen",
        "Driftstörningar i vatten och avlopp publiceras automatiskt som nyheter från larmsystemets data.",
        "samhallsbyggnad-och-stadsplanering",
        "generativ-ai",
        "i_drift",
        BOUGHT_IN_USE
        | {"personuppgifter": "nej", "beslut": "nej", "invanare": "ja_digital"}
        | CLASSIFY
        | {"bilaga_iii": "inget", "transparenskrav": "skapar", "publicerar": "text_allman"},
        "",
    ),
    (
        "kanslor",
        "Härnösands kommun",
        "Förslag: kamera som mäter elevers engagemang",
        "Ett förslag om att tolka elevers känsloläge med kamera i klassrummet. Triagen visar att det är förbjudet.",
        "skola-och-utbildning",
        "bildanalys",
        "ide",
        {"ai_system": "ja", "roll": "kopt", "anvandning": "under_utveckling", "undantag": "nej"}
        | {"personuppgifter": "ja_kansliga", "beslut": "nej", "invanare": "nej", "forbud": "ja"},
        "Känsloigenkänning i utbildning är förbjuden enligt artikel 5.",
    ),
    (
        "volontarer",
        ASSOCIATION,
        "Matchning av volontärer och äldre",
        "Föreslår vilka volontärer som passar vilka äldre utifrån intressen och behov.",
        "vard-och-omsorg",
        "prognos-och-prediktion",
        "pilot",
        {"ai_system": "ja", "roll": "kopt", "anvandning": "pilot_med_verkan", "undantag": "nej"}
        | {"personuppgifter": "ja_kansliga", "beslut": "vet_inte"},
        "",
    ),
    (
        "transkribering",
        ASSOCIATION,
        "Transkribering av styrelsemöten",
        "Provar taligenkänning på inspelade testmöten innan den används på riktigt.",
        "administration-och-ekonomi",
        "taligenkanning",
        "forstudie",
        {"ai_system": "ja", "roll": "kopt", "anvandning": "test_utan_verkan", "undantag": "nej"}
        | {"personuppgifter": "ja", "beslut": "nej", "invanare": "nej"},
        "",
    ),
]
OLD_RULES = {"kontaktcenter", "elevtexter"}  # stored under 2025.1, then re-run
DRAFTS = {"kanslor", "transkribering"}
# (source id, obligation key, username, status, evidence url or reason)
WORK = [
    ("bistand", "art27_fria", "sundsvall-admin", "pagar", ""),
    ("bistand", "gdpr_dpia", "sundsvall-redaktor", "klar", "https://example.se/sundsvall/dpia-bistand.pdf"),
    ("bistand", "art26_mansklig_tillsyn", "sundsvall-medlem", "att_gora", ""),
    ("bistand", "art26_informera_anstallda", "sundsvall-admin", "klar", "https://example.se/sundsvall/mbl-11.pdf"),
    ("bistand", "art4_ai_kunnighet", "sundsvall-medlem", "att_gora", ""),
    ("kontaktcenter", "dos_tillganglighet", "sundsvall-redaktor", "klar", "https://example.se/tillganglighet"),
    ("kontaktcenter", "art4_ai_kunnighet", "sundsvall-redaktor", "pagar", ""),
    ("rekrytering", "art25_ny_leverantor", "sundsvall-admin", "pagar", ""),
    (
        "rekrytering",
        "art26_informera_anstallda",
        "sundsvall-admin",
        "ej_tillamplig",
        "Verktyget används bara på externa sökande; inga anställda berörs.",
    ),  # fmt: skip
    ("rpa", "kl_delegering", "sundsvall-admin", "klar", "https://example.se/sundsvall/delegationsordning.pdf"),
    ("rpa", "fl_motivering", "sundsvall-redaktor", "att_gora", ""),
    ("fallsensor", "gdpr_dpia", "harnosand-admin", "att_gora", ""),
    ("volontarer", "ta_reda_pa", "forening-admin", "pagar", ""),
]


def _organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(name=name).first()


def _system(source_id: str, org: Organisation, title: str, summary: str, area: str, technique: str, stage: str) -> Any:
    found = Initiative.objects.filter(source_name=SOURCE, source_id=source_id).first()
    if found is not None:
        return found
    from kraft.initiatives.models import Technique, WelfareArea

    data: dict[str, Any] = {
        "title": f"Demoexempel: {title}",
        "summary": summary,
        "description": f"Påhittat exempel som visar AI-förordningens triage i Kraft; inte ett verkligt system i {org}.",
        "stage": stage,
        "country": "SE",
        "tags": ["demoexempel", "ai-förordningen"],
        "start_date": date(2025, 1 + len(source_id) % 12, 1),
    }
    if WelfareArea.objects.filter(slug=area).exists():
        data["welfare_area"] = area
    if technique and Technique.objects.filter(slug=technique).exists():
        data["technique"] = technique
    return initiative_services.create_initiative(
        ACTOR,
        data,
        lead_organisation=org,
        source_name=SOURCE,
        source_id=source_id,
        licence="CC0-1.0",
        attribution="Påhittat demoexempel i Kraft",
        publish=source_id not in DRAFTS,
    )


def _work() -> int:
    User = get_user_model()
    changed = 0
    for source_id, key, username, status, extra in WORK:
        obligation = Obligation.objects.filter(
            initiative__source_name=SOURCE, initiative__source_id=source_id, key=key, active=True
        ).first()
        person = User.objects.filter(username=username).first()
        if obligation is None or obligation.owner_id is not None:
            continue
        data: dict[str, Any] = {"status": status}
        if person is not None and obligation.initiative.lead_organisation_id in _member_orgs(person):
            data["owner"] = person.pk
        if status == "ej_tillamplig":
            data["not_applicable_reason"] = extra
        elif extra:
            data["evidence_url"] = extra
        services.update_obligation(ACTOR, obligation, data, obligation.version)
        changed += 1
    return changed


def _member_orgs(person: Any) -> set[int]:
    from kraft.accounts import permissions

    return permissions.member_organisation_ids(person)


@transaction.atomic
def load(stdout: Any) -> None:
    versions = rules.all_versions("sv")
    old = versions.get("2025.1")
    triaged = 0
    for source_id, org_name, title, summary, area, technique, stage, answers, rationale in SYSTEMS:
        org = _organisation(org_name)
        if org is None:
            continue
        initiative = _system(source_id, org, title, summary, area, technique, stage)
        if Triage.objects.filter(initiative=initiative).exists():
            continue
        items = [{"question": q, "answer": a, "rationale": ""} for q, a in answers.items()]
        if rationale:
            items[0]["rationale"] = rationale
        rule_set = old if (source_id in OLD_RULES and old is not None) else None
        services.save_triage(ACTOR, initiative, items, 0, rule_set=rule_set)
        triaged += 1
    rerun = services.rerun_triages(ACTOR) if triaged else []
    changed = _work()
    stdout.write(
        f"AI-förordningens triage: {triaged} demosystem triagerade, {len(rerun)} omprövade mot regelversion "
        f"{rules.current().version}, {changed} skyldigheter med ansvarig och status.\n"
    )
