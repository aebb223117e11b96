"""The bundled decision tree: every conclusion reached with its result asserted, the known pitfalls, and
``kraft manage check_rules`` catching broken files."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import CommandError, call_command

from kraft.triage import engine, rules, validation
from tests.triage import paths
from tests.triage.paths import KOMMUN

RULES_FILE = rules.RULES_DIR / "ai-act-2026.1.yaml"


def current() -> rules.Rules:
    return rules.load_file(RULES_FILE)


def outcome(answers: dict[str, str], context: frozenset[str] = KOMMUN) -> engine.Result:
    result = engine.evaluate(current(), answers, context)
    assert result is not None, engine.walk(current(), answers, context).pending
    return result


def articles(result: engine.Result) -> dict[str, str]:
    return {o.key: o.citations[0] for o in result.obligations}


def dates(result: engine.Result) -> dict[str, datetime.date]:
    return {o.key: o.applies_from for o in result.obligations}


# ------------------------------------------------------------------ every conclusion, result asserted

EXPECTED: list[tuple[str, dict[str, str], str, str, tuple[str, ...], dict[str, str]]] = [
    # conclusion, path, class, AI system, roles, obligations that must be there (key → main article)
    (
        "inte_ai_system",
        paths.RPA_BISTAND,
        "utanfor",
        "nej",
        (),
        {
            "gdpr_dpia": "Dataskyddsförordningen artikel 35",
            "gdpr_information": "Dataskyddsförordningen artikel 13",
            "gdpr_art22": "Dataskyddsförordningen artikel 22",
            "fl_motivering": "FL 32 §",
            "fl_dokumentation": "FL 28 §",
            "kl_delegering": "KL 6 kap. 37 §",
            "dos_tillganglighet": "DOS-lagen",
        },
    ),
    ("oklart", paths.UNSURE_WHAT_IT_IS, "oklart", "oklart", (), {"ta_reda_pa": "AI-förordningen artikel 3.1"}),
    ("ingen_roll", paths.NO_ROLE, "utanfor", "ja", (), {}),
    (
        "utanfor_undantag",
        paths.RESEARCH_ONLY,
        "utanfor",
        "ja",
        ("leverantor", "tillhandahallare"),
        {"dokumentera_undantag": "AI-förordningen artikel 2"},
    ),
    (
        "test_utan_verkan",
        paths.SANDBOX_TEST,
        "utanfor",
        "ja",
        ("tillhandahallare",),
        {"omprova_fore_bruk": "AI-förordningen artikel 2.8", "fl_motivering": "FL 32 §"},
    ),
    (
        "forbjuden",
        paths.EMOTIONS_IN_CLASSROOM,
        "oacceptabel",
        "ja",
        ("tillhandahallare",),
        {"art5_upphor": "AI-förordningen artikel 5", "gdpr_dpia": "Dataskyddsförordningen artikel 35"},
    ),
    (
        "hog_risk_bilaga_i",
        paths.FALL_SENSOR,
        "hog",
        "ja",
        ("tillhandahallare",),
        {
            "art26_anvandning": "AI-förordningen artikel 26.1",
            "art26_mansklig_tillsyn": "AI-förordningen artikel 26.2",
            "art26_loggar": "AI-förordningen artikel 26.6",
            "art4_ai_kunnighet": "AI-förordningen artikel 4",
        },
    ),
    (
        "hog_risk_bilaga_iii",
        paths.BISTAND_PROFILING,
        "hog",
        "ja",
        ("tillhandahallare",),
        {
            "art26_anvandning": "AI-förordningen artikel 26.1",
            "art26_registrering": "AI-förordningen artikel 26.8",
            "art26_informera_personer": "AI-förordningen artikel 26.11",
            "art27_fria": "AI-förordningen artikel 27",
            "art86_forklaring": "AI-förordningen artikel 86",
            "gdpr_dpia": "Dataskyddsförordningen artikel 35",
            "fl_motivering": "FL 32 §",
        },
    ),
    (
        "transparens",
        paths.SWITCHBOARD_CHATBOT,
        "begransad",
        "ja",
        ("tillhandahallare",),
        {
            "art50_1_tillhandahallare": "AI-förordningen artikel 50.1",
            "art4_ai_kunnighet": "AI-förordningen artikel 4",
            "dos_tillganglighet": "DOS-lagen",
            "gdpr_information": "Dataskyddsförordningen artikel 13",
        },
    ),
    (
        "minimal",
        paths.ENERGY_FORECAST,
        "minimal",
        "ja",
        ("leverantor", "tillhandahallare"),
        {"art4_ai_kunnighet": "AI-förordningen artikel 4", "art95_uppforandekoder": "AI-förordningen artikel 95"},
    ),
]


@pytest.mark.parametrize(
    ("conclusion", "answers", "risk_class", "ai_system", "roles", "expected"), EXPECTED, ids=[e[0] for e in EXPECTED]
)
def test_each_conclusion_gives_its_class_roles_and_obligations_with_articles(
    conclusion: str,
    answers: dict[str, str],
    risk_class: str,
    ai_system: str,
    roles: tuple[str, ...],
    expected: dict[str, str],
) -> None:
    result = outcome(answers)
    assert result.conclusion == conclusion
    assert result.risk_class == risk_class
    assert result.ai_system == ai_system
    assert sorted(result.roles) == sorted(roles)
    found = articles(result)
    for key, article in expected.items():
        assert found.get(key) == article, (key, found)
    assert all(o.applies_from for o in result.obligations)


def test_the_paths_above_reach_every_conclusion_of_the_rules() -> None:
    assert {e[0] for e in EXPECTED} == set(current().conclusions)


def test_the_bundled_rules_pass_check_rules_from_the_command_line() -> None:
    out = io.StringIO()
    call_command("check_rules", stdout=out)
    assert "alla frågor och slutsatser nås" in out.getvalue()
    assert "1 regelfiler utan fel" in out.getvalue() or "regelfiler utan fel" in out.getvalue()


def test_high_risk_annex_iii_dates_follow_the_omnibus_and_the_public_authority_rule() -> None:
    in_use = dates(outcome(paths.BISTAND_PROFILING))
    assert in_use["art26_anvandning"] == datetime.date(2030, 8, 2)  # in use at a public body: Art. 111(2)
    new = dates(outcome(paths.PUPIL_ASSESSMENT_IN_DEVELOPMENT))
    assert new["art26_anvandning"] == datetime.date(2027, 12, 2)
    assert articles(outcome(paths.PUPIL_ASSESSMENT_IN_DEVELOPMENT))["art27_fria"] == "AI-förordningen artikel 27"
    assert dates(outcome(paths.FALL_SENSOR))["art26_anvandning"] == datetime.date(2028, 8, 2)  # Annex I
    assert dates(outcome(paths.SWITCHBOARD_CHATBOT))["art50_1_tillhandahallare"] == datetime.date(2026, 8, 2)


def test_an_association_is_not_given_the_public_body_duties() -> None:
    result = outcome(paths.BISTAND_PROFILING, context=frozenset())
    assert "art26_registrering" not in articles(result)
    assert "fl_motivering" not in articles(result)
    assert "art27_fria" in articles(result)  # private bodies providing public services also assess rights


def test_annex_i_products_are_not_registered_by_the_deployer_nor_get_a_rights_assessment() -> None:
    found = articles(outcome(paths.FALL_SENSOR))
    assert "art26_registrering" not in found and "art27_fria" not in found
    assert outcome(paths.FALL_SENSOR).annex == ("Bilaga I",)


# ------------------------------------------------------------------ the known pitfalls


def test_article_6_3_exemption_without_profiling_is_not_high_risk_and_says_which_exemption() -> None:
    result = outcome(paths.BISTAND_SORTING)
    assert result.risk_class == "minimal"
    assert result.exemptions == ("Artikel 6.3 a",)
    assert result.annex == ("Bilaga III punkt 5 a",)
    assert articles(result)["art6_3_underlag"] == "AI-förordningen artikel 6.3"
    assert "art26_anvandning" not in articles(result)


def test_profiling_overrides_the_article_6_3_exemption_and_the_exemption_answer_is_dropped() -> None:
    answers = paths.BISTAND_PROFILING | {"undantag_6_3": "a_procedurell"}
    done = engine.walk(current(), answers, KOMMUN)
    assert done.conclusion is not None and done.conclusion.risk_class == "hog"
    assert done.dropped == ["undantag_6_3"]
    assert engine.result(done).exemptions == ()


def test_a_bought_system_the_municipality_modified_makes_it_a_provider() -> None:
    result = outcome(paths.RECRUITMENT_MODIFIED)
    assert result.risk_class == "hog"
    assert set(result.roles) == {"leverantor", "tillhandahallare"}
    found = articles(result)
    assert found["art25_ny_leverantor"] == "AI-förordningen artikel 25"
    assert found["art9_riskhantering"] == "AI-förordningen artikel 9"
    assert found["art43_overensstammelse"] == "AI-förordningen artikel 43"
    assert found["art26_informera_anstallda"] == "AI-förordningen artikel 26.7"
    unmodified = outcome(RECRUITMENT_BOUGHT)
    assert unmodified.roles == ("tillhandahallare",) and "art25_ny_leverantor" not in articles(unmodified)


RECRUITMENT_BOUGHT = {k: v for k, v in paths.RECRUITMENT_MODIFIED.items() if k != "gpai"} | {"roll": "kopt"}


def test_a_pilot_with_real_effects_is_in_use_while_a_sandbox_test_is_outside_for_now() -> None:
    pilot = outcome(paths.RECRUITMENT_MODIFIED)  # anvandning = pilot_med_verkan
    assert pilot.risk_class == "hog"
    assert "pilot_med_verkan" in pilot.labels and "i_bruk" in pilot.labels
    assert dates(pilot)["art26_anvandning"] == datetime.date(2030, 8, 2)  # treated as in use
    sandbox = outcome(paths.SANDBOX_TEST)
    assert sandbox.risk_class == "utanfor" and "omprova_fore_bruk" in articles(sandbox)


def test_every_vet_inte_ends_as_oklart_with_what_to_find_out_never_as_a_settled_class() -> None:
    rule_set = current()
    report = validation.check(rule_set)
    tried = 0
    for question in rule_set.questions.values():
        for answer in question.answers:
            if not answer.unknown:
                continue
            answers = dict(report.question_paths[question.id]) | {question.id: answer.id}
            result = outcome(answers)
            assert result.risk_class == "oklart", question.id
            assert result.open_question == question.id
            find_out = next(o for o in result.obligations if o.key == "ta_reda_pa")
            assert question.find_out in find_out.meaning
            assert find_out.citations == tuple(rule_set.cite(r) for r in question.refs)
            tried += 1
    assert tried >= 15


def test_changing_an_earlier_answer_drops_the_answers_no_longer_on_the_path() -> None:
    answers = paths.SWITCHBOARD_CHATBOT | {"ai_system": "nej"}
    done = engine.walk(current(), answers, KOMMUN)
    assert done.conclusion is not None and done.conclusion.id == "inte_ai_system"
    assert set(done.dropped) == {"roll", "anvandning", "undantag", "forbud", "bilaga_i", "bilaga_iii",
                                 "transparenskrav"}  # fmt: skip
    assert "roll" not in done.answers


def test_an_answer_the_question_does_not_have_stops_the_walk_there() -> None:
    done = engine.walk(current(), {"ai_system": "kanske"}, KOMMUN)
    assert done.invalid == ["ai_system"] and done.pending is not None and done.pending.id == "ai_system"


def test_open_source_release_of_a_minimal_risk_system_falls_outside() -> None:
    result = outcome(paths.OPEN_SOURCE_SORTER)
    assert result.risk_class == "utanfor" and result.exemptions == ("Artikel 2.12",)


# ------------------------------------------------------------------ broken files are caught


def _raw() -> dict[str, Any]:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def _write(tmp_path: Path, raw: dict[str, Any]) -> Path:
    path = tmp_path / "ai-act-2099.1.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _errors(path: Path) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_rules", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def _question(raw: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(q for q in raw["questions"] if q["id"] == question_id)


def test_check_rules_reports_a_dangling_reference(tmp_path: Path) -> None:
    raw = _raw()
    _question(raw, "profilering")["answers"][1]["next"] = {"question": "finns_inte"}
    assert "question finns_inte finns inte" in _errors(_write(tmp_path, raw))


def test_check_rules_reports_an_unreachable_conclusion(tmp_path: Path) -> None:
    raw = _raw()
    _question(raw, "forbud")["answers"][0]["next"] = {"question": "bilaga_i"}
    assert "Slutsatsen forbjuden går inte att nå" in _errors(_write(tmp_path, raw))


def test_check_rules_refuses_a_vet_inte_that_ends_in_a_settled_class(tmp_path: Path) -> None:
    raw = _raw()
    _question(raw, "profilering")["answers"][2]["next"] = {"conclusion": "minimal"}
    assert "'vet inte' måste leda till en slutsats med klassen oklart" in _errors(_write(tmp_path, raw))


def test_check_rules_reports_schema_errors_and_unknown_articles(tmp_path: Path) -> None:
    raw = _raw()
    del _question(raw, "bilaga_iii")["example"]
    assert "'example' is a required property" in _errors(_write(tmp_path, raw))
    raw = _raw()
    _question(raw, "bilaga_iii")["refs"] = ["ai_act 613"]
    assert "artikel 613 finns inte" in _errors(_write(tmp_path, raw))


def test_a_broken_rules_file_is_never_loaded(tmp_path: Path, settings: Any) -> None:
    raw = _raw()
    _question(raw, "profilering")["answers"][1]["next"] = {"question": "finns_inte"}
    _write(tmp_path, raw)
    settings.TRIAGE_RULES_DIR = str(tmp_path)
    with pytest.raises(rules.RulesError):
        rules.current()


def test_the_current_rules_have_a_complete_english_translation_and_typos_in_it_are_caught() -> None:
    rule_set = current()
    text = rules.read_raw(rules.translation_path(RULES_FILE, "en"))
    assert validation.check_translation(rule_set, text) == []
    assert validation.missing_translation(rule_set, text) == []
    english = rules.load_file(RULES_FILE, "en")
    assert english.questions["ai_system"].text == "Is the solution an AI system?"
    assert english.obligations["art27_fria"].refs == rule_set.obligations["art27_fria"].refs  # same logic
    text["questions"]["profilerng"] = {"text": "typo"}
    assert "Översättning av okänd fråga profilerng." in validation.check_translation(rule_set, text)
