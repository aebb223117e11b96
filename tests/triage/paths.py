"""Answer paths through the bundled rules, one or more per conclusion, shared by the triage tests."""

from __future__ import annotations

KOMMUN = frozenset({"offentlig_aktor"})

# The questions every path that has an AI system passes before classification
BOUGHT_IN_USE = {
    "ai_system": "ja",
    "roll": "kopt",
    "anvandning": "i_drift",
    "undantag": "nej",
}

# Automated decisions on ekonomiskt bistånd with rules written by people (RPA): not AI, other laws still apply
RPA_BISTAND = {"ai_system": "nej", "personuppgifter": "ja_kansliga", "beslut": "automatiskt", "invanare": "ja_digital"}

UNSURE_WHAT_IT_IS = {"ai_system": "vet_inte", "ai_system_inferens": "vet_inte"}

NO_ROLE = {"ai_system": "ja", "roll": "ingen"}

RESEARCH_ONLY = {
    "ai_system": "ja",
    "roll": "utvecklar_och_anvander",
    "gpai": "nej",
    "anvandning": "under_utveckling",
    "undantag": "forskning",
    "personuppgifter": "nej",
    "beslut": "nej",
    "invanare": "nej",
}

SANDBOX_TEST = {
    "ai_system": "ja",
    "roll": "kopt",
    "anvandning": "test_utan_verkan",
    "undantag": "nej",
    "personuppgifter": "ja",
    "beslut": "underlag",
    "invanare": "nej",
}

EMOTIONS_IN_CLASSROOM = BOUGHT_IN_USE | {
    "personuppgifter": "ja_kansliga",
    "beslut": "nej",
    "invanare": "nej",
    "forbud": "ja",
}

FALL_SENSOR = BOUGHT_IN_USE | {
    "personuppgifter": "ja_kansliga",
    "beslut": "nej",
    "invanare": "ja_annat",
    "forbud": "nej",
    "bilaga_i": "ja_tredje_part",
    "transparenskrav": "inget",
}

BISTAND_PROFILING = BOUGHT_IN_USE | {
    "personuppgifter": "ja_kansliga",
    "beslut": "underlag",
    "invanare": "nej",
    "forbud": "nej",
    "bilaga_i": "nej",
    "bilaga_iii": "formaner",
    "profilering": "ja",
    "transparenskrav": "inget",
}

BISTAND_SORTING = BOUGHT_IN_USE | {
    "personuppgifter": "ja_kansliga",
    "beslut": "underlag",
    "invanare": "nej",
    "forbud": "nej",
    "bilaga_i": "nej",
    "bilaga_iii": "formaner",
    "profilering": "nej",
    "undantag_6_3": "a_procedurell",
    "transparenskrav": "inget",
}

SWITCHBOARD_CHATBOT = BOUGHT_IN_USE | {
    "personuppgifter": "ja",
    "beslut": "nej",
    "invanare": "ja_digital",
    "forbud": "nej",
    "bilaga_i": "nej",
    "bilaga_iii": "inget",
    "transparenskrav": "samtalar",
}

ENERGY_FORECAST = {
    "ai_system": "ja",
    "roll": "utvecklar_och_anvander",
    "gpai": "nej",
    "anvandning": "i_drift",
    "undantag": "nej",
    "personuppgifter": "nej",
    "beslut": "nej",
    "invanare": "nej",
    "forbud": "nej",
    "bilaga_i": "nej",
    "bilaga_iii": "inget",
    "transparenskrav": "inget",
    "oppen_kallkod": "nej",
}

OPEN_SOURCE_SORTER = ENERGY_FORECAST | {"oppen_kallkod": "ja"}

RECRUITMENT_MODIFIED = {
    "ai_system": "ja",
    "roll": "kopt_andrat",
    "gpai": "nej",
    "anvandning": "pilot_med_verkan",
    "undantag": "nej",
    "personuppgifter": "ja",
    "beslut": "underlag",
    "invanare": "ja_digital",
    "forbud": "nej",
    "bilaga_i": "nej",
    "bilaga_iii": "anstallning",
    "profilering": "ja",
    "transparenskrav": "inget",
}

PUPIL_ASSESSMENT_IN_DEVELOPMENT = {
    "ai_system": "ja",
    "roll": "kopt",
    "anvandning": "under_utveckling",
    "undantag": "nej",
    "personuppgifter": "ja_kansliga",
    "beslut": "underlag",
    "invanare": "nej",
    "forbud": "nej",
    "bilaga_i": "nej",
    "bilaga_iii": "utbildning",
    "profilering": "nej",
    "undantag_6_3": "nej",
    "transparenskrav": "inget",
}


def as_list(answers: dict[str, str], rationale: str = "") -> list[dict[str, str]]:
    return [{"question": q, "answer": a, "rationale": rationale} for q, a in answers.items()]
