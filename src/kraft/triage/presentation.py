"""How rules, answers and results read on the pages: article links, the path so far, the question to ask.

Article references link to the law on EUR-Lex (in Swedish) or riksdagen.se, and to the passage in Kraft's
national library when one with that citation exists (looked up when the page is drawn, so the links appear as
soon as the library holds the AI Act).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from kraft.triage import engine
from kraft.triage.rules import Ref, Rules

ASK_MAX = 1000


@dataclass(frozen=True)
class ArticleLink:
    text: str
    law_url: str
    law_name: str
    passage_url: str = ""


def article_links(rule_set: Rules, refs: Iterable[Ref]) -> list[ArticleLink]:
    return links_for(rule_set, [refs])[0]


def links_for(rule_set: Rules, groups: Sequence[Iterable[Ref]]) -> list[list[ArticleLink]]:
    """Links for several lists of references with one library lookup."""
    from kraft.knowledge.selectors import public_passages_by_citation

    lists = [list(group) for group in groups]
    citations = [rule_set.cite(ref) for group in lists for ref in group]
    passages = public_passages_by_citation(citations)
    out = []
    for group in lists:
        links = []
        for ref in group:
            law = rule_set.laws.get(ref.law)
            citation = rule_set.cite(ref)
            url = _anchored(law.url, ref) if law else ""
            passage = passages.get(citation)
            links.append(
                ArticleLink(citation, url, law.full_name if law else "", passage.get_absolute_url() if passage else "")
            )
        out.append(links)
    return out


def _anchored(url: str, ref: Ref) -> str:
    """EUR-Lex pages have an anchor per article (``#art_6``)."""
    number = ref.ref.split(".")[0].strip()
    if "eur-lex.europa.eu" in url and number.isdigit():
        return f"{url}#art_{number}"
    return url


def path_lines(done: engine.Walk, rationales: dict[str, str] | None = None) -> list[dict[str, Any]]:
    rationales = rationales or {}
    return [
        {
            "question": step.question,
            "answer": step.answer,
            "rationale": rationales.get(step.question.id, ""),
            "number": index + 1,
        }
        for index, step in enumerate(done.steps)
    ]


def question_for_knowledge_support(title: str, done: engine.Walk) -> str:
    """A question for the knowledge support with the path so far, ready to edit (at most 1000 characters)."""
    lines = [_('Vi gör AI-förordningens triage för "%(title)s".') % {"title": title}]
    for step in done.steps:
        if step.answer.unknown:
            continue
        lines.append(f"{step.question.text} {step.answer.text}.")
    if done.unknown is not None:
        lines.append(_("Vi vet inte: %(question)s") % {"question": done.unknown.text})
    text = " ".join(lines)
    if len(text) > ASK_MAX:
        head = lines[0]
        tail = lines[-1]
        text = f"{head} … {tail}"[:ASK_MAX]
    return text


def obligation_groups(rule_set: Rules, obligations: list[Any]) -> list[list[ArticleLink]]:
    """Article links for stored checklist items (their citations are text; match them to the rules' refs)."""
    by_citation = {rule_set.cite(ref): ref for o in rule_set.obligations.values() for ref in o.refs}
    by_citation |= {rule_set.cite(ref): ref for q in rule_set.questions.values() for ref in q.refs}
    groups = [[by_citation[c] for c in (o.articles or [o.article]) if c in by_citation] for o in obligations]
    return links_for(rule_set, groups)
