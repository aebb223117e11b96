"""Heuristic mapping of the sources' categories onto Kraft's welfare areas, techniques, stages and risk classes.

The sources classify differently (COFOG functions in the EU data, "categorie" in the Dutch register, nothing in
the UK ATRS), so each rule below reads the source's own categories first and the title and description second.
Welfare areas and techniques are resolved by their Swedish name (they are data that staff edit, so a missing one
simply leaves the field empty). The table is documented for users in ``docs/import-mapping.md``.

Risk classes are only a first triage: a record is "hög" when it names an area in Annex III of the EU AI Act
(employment, access to benefits and essential services, education admission, law enforcement, migration,
biometric identification), "begränsad" when it talks to people (chatbots, assistants, generated content), and
otherwise "ej bedömd" – never "minimal", which needs a human assessment.
"""

from __future__ import annotations

import re
from functools import cache

from kraft.initiatives.models import Initiative

Stage = Initiative.Stage
Risk = Initiative.RiskClass

# Welfare area names (Swedish, as seeded) ← keyword patterns over source categories and text, first match wins.
AREA_RULES: list[tuple[str, str]] = [
    ("Räddningstjänst", r"fire|rescue|brand|raddning|emergency services|brandweer"),
    ("Förskola", r"preschool|kindergarten|forskola|kinderopvang"),
    (
        "Skola och utbildning",
        r"education|school|pupil|student|onderwijs|leerling|skol|utbildning|dropout|early school",
    ),
    (
        "Vård och omsorg",
        r"health|hospital|care home|elderly|old age|sickness|disease|patient|medical|zorg|vard|omsorg|cancer|"
        r"prevention of heart|diagnos",
    ),
    (
        "Socialtjänst",
        r"social protection|social assistance|social welfare|welfare|benefit|unemploy|bijstand|sociale zekerheid|"
        r"socialtjanst|financial assistance|financial support|family|child protection|housing allowance|jeugd",
    ),
    (
        "Kollektivtrafik och mobilitet",
        r"transport|traffic|\bbus(es)?\b|mobility|parking|parkeer|\broads?\b|verkeer|vehicle|self-driving|"
        r"air traffic|trafik",
    ),
    (
        "Samhällsbyggnad och stadsplanering",
        r"housing and community|urban|planning permi|detailed plan|building|land regist|cadast|digital twin|"
        r"infrastructuur|ruimtelijke|bouw|stadsplan|detaljplan|lantmateri",
    ),
    ("Miljö och klimat", r"environment|climate|waste|energy|pollution|milieu|afval|klimaat|green|emission|miljo"),
    ("Kultur och fritid", r"culture|recreation|sport|library|museum|cultuur|tourism|toerisme|\bevents?\b|kultur"),
    ("IT och informationssäkerhet", r"cyber|information security|it security|informatiebeveilig"),
    (
        "Medborgarservice",
        r"chatbot|virtual assistant|digital assistant|citizen|public services and engagement|contact cent|"
        r"dienstverlening|question|answer|burger|invanare|service personalisation",
    ),
    ("HR", r"recruit|human resources|staffing|personnel|\bhr\b|employee|anstalld|rekryter|werving"),
    (
        "Administration och ekonomi",
        r"general public services|internal|administrat|financ|\btax|fiscal|economic|procurement|document|archive|"
        r"belasting|financien|registratie|basisregistratie|ekonomi",
    ),
]
FALLBACK_AREA = "Övrigt"

TECHNIQUE_RULES: list[tuple[str, str]] = [
    ("Generativ AI och språkmodeller", r"generative|gpt|large language|llm|language model|copilot|genai|generatie"),
    ("Taligenkänning", r"speech|audio|voice|spraak|\btal\b|taligenk|transcri"),
    (
        "Bildanalys",
        r"computer vision|image|perception|face recognition|facial|video|camera|photo|beeld|kenteken|licence plate|"
        r"x-ray|scan",
    ),
    (
        "Språkteknologi",
        r"natural language|nlp|text|chatbot|semantic|translation|anonymi|tekst|language|virtual assistant|"
        r"digital assistant",
    ),
    ("Prognos och prediktion", r"predict|forecast|early warning|risk scor|voorspel|prognos|detection causes"),
    ("Automatisering med AI", r"\brpa\b|robotic process|rule based|rule-based"),
    ("Optimering", r"optimi|planning and scheduling|scheduling|route|logistic|planning for|roster"),
    ("Automatisering med AI", r"automat|robot"),
    ("Beslutsstöd", r"decision support|decision making|reasoning|expert system|assessment|beslis|diagnos"),
]
FALLBACK_TECHNIQUE = "Övrigt"

STAGE_WORDS: list[tuple[str, str]] = [
    (Stage.ENDED, r"not in use|buiten gebruik|ended|retired|decommission|avslutad|stopped"),
    (Stage.SCALED, r"scaled|national roll|skalad"),
    (Stage.IN_USE, r"implemented|in gebruik|in use|in production|operational|\blive\b|i drift|\bactive\b"),
    (Stage.PILOT, r"pilot|experiment|trial|\bbeta\b|proof of concept|\bpoc\b"),
    (Stage.STUDY, r"in development|in ontwikkeling|development|study|forstudie|design"),
    (Stage.IDEA, r"planned|idea|\bide\b|concept|gepland"),
]

HIGH_RISK = (
    r"recruit|hiring|job applicant|employment service|unemploy|social assistance|welfare benefit|benefits? claim|"
    r"financial assistance|financial support|bijstand|uitkering|toeslag|fraud|law enforcement|police|politie|"
    r"crime|predictive polic|face recognition|facial recognition|biometric|migration|asylum|border|visa|"
    r"school admission|\bexams?\b|grading|credit scor|insurance|child protection|early school leavers|"
    r"social welfare decisions"
)
LIMITED_RISK = r"chatbot|virtual assistant|digital assistant|conversational|generative|gpt|deepfake|chat"
UNACCEPTABLE_RISK = r"social scoring|emotion recognition in (the )?workplace|real-time remote biometric"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _first(rules: list[tuple[str, str]], text: str) -> str | None:
    text = text[:1500].lower()  # the opening says what a case is about; whole reports only cost time
    for name, pattern in rules:
        if _compiled(pattern).search(text):
            return name
    return None


GENERIC_AREA = "Administration och ekonomi"  # what "General public services" says: the text is more specific


def welfare_area(categories: str, text: str = "") -> str:
    """The welfare area's Swedish name: the source's categories decide when they can, the text otherwise."""
    from_categories = _first(AREA_RULES, categories)
    if from_categories and from_categories != GENERIC_AREA:
        return from_categories
    return _first(AREA_RULES, text) or from_categories or FALLBACK_AREA


def technique(categories: str, text: str = "") -> str:
    return _first(TECHNIQUE_RULES, categories) or _first(TECHNIQUE_RULES, text) or FALLBACK_TECHNIQUE


def stage(status: str, default: str = Stage.PILOT) -> str:
    return _first(STAGE_WORDS, status.strip()) or default


def risk_class(text: str) -> str:
    text = text[:3000].lower()
    if _compiled(UNACCEPTABLE_RISK).search(text):
        return Risk.UNACCEPTABLE
    if _compiled(HIGH_RISK).search(text):
        return Risk.HIGH
    if _compiled(LIMITED_RISK).search(text):
        return Risk.LIMITED
    return Risk.NOT_ASSESSED
