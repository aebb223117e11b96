"""The open-data columns: machine name, Swedish heading, type and meaning of every exported column.

One table feeds every format and every place that documents them: the JSON and the standard CSV use the machine
names, the XLSX and "CSV för Excel" the Swedish headings; the open-data page, the DCAT description, the XLSX's
"Kolumner" sheet and ``docs/open-data.md`` list all of them. The Kraft importer reads either name back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXT = "text"
INTEGER = "integer"
MONEY = "money"  # kronor with two decimals
DECIMAL = "decimal"  # a plain number (years)
RATIO = "ratio"  # a fraction; shown as percent in the XLSX
PERCENT = "percent"  # already multiplied by 100
BOOLEAN = "boolean"
DATE = "date"
DATETIME = "datetime"
LIST = "list"  # values joined with "; " in the flat formats, a list in JSON
JSON = "json"  # nested objects; JSON text in the flat formats

TYPE_LABELS: dict[str, Promise] = {
    TEXT: _("text"),
    INTEGER: _("heltal"),
    MONEY: _("belopp i kronor"),
    DECIMAL: _("tal"),
    RATIO: _("kvot (procentformat i XLSX)"),
    PERCENT: _("procent"),
    BOOLEAN: _("sant/falskt"),
    DATE: _("datum (ÅÅÅÅ-MM-DD)"),
    DATETIME: _("tidpunkt (ISO 8601)"),
    LIST: _("lista, åtskild med semikolon"),
    JSON: _("JSON"),
}
NUMERIC = frozenset({INTEGER, MONEY, DECIMAL, RATIO, PERCENT})


@dataclass(frozen=True)
class Column:
    name: str  # the machine name (JSON key, standard CSV heading)
    heading: str  # the Swedish heading (XLSX, CSV för Excel); deliberately not translated: files are Swedish
    kind: str
    doc: Promise


def _c(name: str, heading: str, kind: str, doc: Promise) -> Column:
    return Column(name, heading, kind, doc)


RECORD = [
    _c("id", "Id", INTEGER, _("Initiativets id i Kraft")),
    _c("url", "Adress", TEXT, _("Initiativets sida i Kraft")),
    _c("title", "Titel", TEXT, _("Initiativets titel")),
    _c("summary", "Sammanfattning", TEXT, _("Kort sammanfattning (högst 300 tecken)")),
    _c("description", "Beskrivning", TEXT, _("Beskrivning av vad initiativet gör")),
    _c("problem", "Problem", TEXT, _("Problemet som initiativet löser")),
    _c("record_type", "Posttyp", TEXT, _("initiative (initiativ) eller supplier_template (leverantörsmall)")),
    _c("status", "Status", TEXT, _("draft (utkast), published (publicerat) eller archived (arkiverat)")),
    _c("lead_organisation", "Ansvarig organisation", TEXT, _("Organisationen som äger initiativet")),
    _c("lead_organisation_code", "Kommunkod", TEXT, _("Kommunkod (SCB) när den ansvariga är en kommun")),
    _c(
        "lead_organisation_kind",
        "Organisationstyp",
        TEXT,
        _("Den ansvariga organisationens typ: kommun, region, civilsamhalle, kommunalforbund, myndighet …"),
    ),
    _c("county", "Län", TEXT, _("Den ansvariga organisationens län")),
    _c("partners", "Partner", LIST, _("Partnerorganisationer")),
    _c("contact_name", "Kontaktperson", TEXT, _("Namn på kontaktpersonen")),
    _c("contact_email", "Kontaktens e-post", TEXT, _("Kontaktpersonens e-postadress")),
    _c("contact_phone", "Kontaktens telefon", TEXT, _("Kontaktpersonens telefonnummer")),
    _c("welfare_area", "Verksamhetsområde", TEXT, _("Verksamhetsområdet initiativet hör till")),
    _c("technique", "AI-teknik", TEXT, _("Den huvudsakliga AI-tekniken")),
    _c("stage", "Fas", TEXT, _("Fas: ide, forstudie, pilot, i_drift, skalad eller avslutad")),
    _c("start_date", "Startdatum", DATE, _("När initiativet började")),
    _c("end_date", "Slutdatum", DATE, _("När initiativet slutade eller ska sluta")),
    _c("tags", "Taggar", LIST, _("Fria nyckelord")),
    _c("uses_personal_data", "Använder personuppgifter", BOOLEAN, _("Om personuppgifter behandlas")),
    _c(
        "uses_sensitive_data",
        "Använder känsliga personuppgifter",
        BOOLEAN,
        _("Om känsliga personuppgifter (artikel 9 i dataskyddsförordningen) behandlas"),
    ),
    _c("data_description", "Data", TEXT, _("Vilka data systemet använder")),
    _c("legal_basis", "Rättslig grund", TEXT, _("Rättslig grund för behandlingen")),
    _c(
        "risk_class",
        "Riskklass",
        TEXT,
        _("Riskklass enligt AI-förordningen: oacceptabel, hog, begransad, minimal, oklart, utanfor eller ej_bedomd"),
    ),
    _c(
        "risk_class_confirmed",
        "Riskklass bekräftad",
        BOOLEAN,
        _("Sant när riskklassen kommer från en triage i Kraft, falskt när den är en uppskattning"),
    ),
    _c(
        "ai_act_roles",
        "Roller enligt AI-förordningen",
        LIST,
        _("Roller enligt AI-förordningen (leverantor, tillhandahallare …)"),
    ),
    _c("ai_act_annex", "Bilaga i AI-förordningen", TEXT, _("Bilaga och punkt i AI-förordningen som triagen pekar ut")),
    _c(
        "ai_act_exemptions",
        "Undantag i AI-förordningen",
        TEXT,
        _("Undantag som triagen använder (t.ex. Artikel 6.3 a)"),
    ),
    _c("ai_act_rules_version", "Regelversion för triagen", TEXT, _("Regelversion som triagen gjordes efter")),
    _c("human_oversight", "Mänsklig tillsyn", TEXT, _("Hur människor övervakar och kan ändra systemets utfall")),
    _c("supplier", "Leverantör", TEXT, _("Leverantör av systemet")),
    _c("product", "Produkt", TEXT, _("Produktens namn")),
    _c("open_source_url", "Öppen källkod", TEXT, _("Adress till källkoden när den är öppen")),
    _c("funding", "Finansiering", TEXT, _("Hur initiativet finansieras")),
    _c("links", "Länkar", JSON, _('Länkar som JSON: [{"title": …, "url": …}]')),
    _c("horizon_years", "Kalkylperiod (år)", INTEGER, _("Antal år som ROI räknas över")),
    _c("country", "Land", TEXT, _("Land (ISO 3166-1 alfa-2), SE för Sverige")),
    _c("language", "Språk", TEXT, _("Postens språk (ISO 639-1), sv för svenska")),
    _c("source_name", "Källa", TEXT, _("Registret som en importerad post kommer från")),
    _c("source_id", "Id i källan", TEXT, _("Postens id i källan")),
    _c("source_url", "Adress i källan", TEXT, _("Postens adress i källan")),
    _c("licence", "Licens", TEXT, _("Licens för posten (CC-BY-4.0 för Krafts egna)")),
    _c("attribution", "Upphov", TEXT, _("Upphov att ange vid återanvändning")),
    _c("reused_from", "Återanvänt från", INTEGER, _("Id för initiativet som detta utgår från")),
    _c("published_version", "Publicerad version", INTEGER, _("Numret på den senast publicerade versionen")),
    _c("published_at", "Publicerad", DATETIME, _("När den senaste versionen publicerades")),
    _c("updated_at", "Senast ändrad", DATETIME, _("När posten senast ändrades")),
]
FIGURES = [
    _c(
        "annual_value",
        "Årligt värde (kr)",
        MONEY,
        _("Årligt värde i kronor: uppmätt när det finns en uppmätt effekt i kronor, annars förväntat"),
    ),
    _c("annual_value_expected", "Förväntat årligt värde (kr)", MONEY, _("Summan av de förväntade effekterna per år")),
    _c("annual_value_measured", "Uppmätt årligt värde (kr)", MONEY, _("Summan av de uppmätta effekterna per år")),
    _c("value_basis", "Värdet bygger på", TEXT, _("measured (uppmätt) eller expected (förväntat)")),
    _c("one_off_cost", "Engångskostnad (kr)", MONEY, _("Summan av engångskostnaderna")),
    _c("recurring_cost_per_year", "Löpande kostnad per år (kr)", MONEY, _("Summan av de löpande kostnaderna per år")),
    _c("total_cost", "Total kostnad (kr)", MONEY, _("Engångskostnad + löpande kostnad × kalkylperiod")),
    _c("total_value", "Totalt värde (kr)", MONEY, _("Årligt värde × kalkylperiod")),
    _c("net_value", "Nettovärde (kr)", MONEY, _("Totalt värde − total kostnad")),
    _c("roi", "ROI", RATIO, _("Avkastning som kvot: nettovärde / total kostnad; tom utan kostnad")),
    _c("roi_percent", "ROI (%)", PERCENT, _("Samma avkastning i procent (ROI × 100)")),
    _c("payback_years", "Återbetalningstid (år)", DECIMAL, _("Engångskostnad / (årligt värde − löpande kostnad)")),
    _c("is_evaluated", "Utvärderad", BOOLEAN, _("Sant när initiativet har minst en uppmätt effekt")),
]
NESTED = [
    _c(
        "effects",
        "Effekter",
        JSON,
        _(
            "Effekter som JSON: dimension, description, unit (hours, sek, count, percent, none), basis "
            "(expected/measured), periods_per_year, hours, people, hourly_cost, amount, count, value_per_unit, "
            "percent, base_amount, baseline, measured_on, method och det beräknade annual_value"
        ),
    ),
    _c("costs", "Kostnader", JSON, _("Kostnader som JSON: description, kind (one_off/recurring) och amount")),
]
COLUMNS: list[Column] = RECORD + FIGURES + NESTED
BY_NAME = {column.name: column for column in COLUMNS}
NAME_BY_HEADING = {column.heading.casefold(): column.name for column in COLUMNS}


def machine_name(heading: str) -> str:
    """The machine name for a heading of either kind (the importer reads both)."""
    key = heading.strip()
    return NAME_BY_HEADING.get(key.casefold(), key)
