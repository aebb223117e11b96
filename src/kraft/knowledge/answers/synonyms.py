"""Everyday words mapped to the words the statutes use, so a question in plain Swedish finds its paragraph.

Two tables, both matched against the lower-cased question:

- ``SYNONYMS``: pattern → legal words added to the search (at ``EXPANSION_WEIGHT``), e.g. *partisk* → *jäv*;
- ``STATUTE_HINTS``: pattern → SFS numbers of the statutes the question is evidently about (the law's name, its
  abbreviation, or a subject only that law governs); retrieval then also searches inside those statutes.

The lists are general vocabulary of Swedish public administration, not answers to particular questions.
"""

from __future__ import annotations

import re
from functools import lru_cache

EXPANSION_WEIGHT = 0.6

SYNONYMS: list[tuple[str, str]] = [
    # access to public records and freedom of the press
    (r"\bbegär(a|er)? ut\b|\blämna(s|r)? ut\b|\bfå ut\b|\bse en handling|\bläsa .*handling", "lämnas ut ta del av"),
    (r"\bhandling(ar|en)?\b.*\b(myndighet|kommun)|\b(myndighet|kommun)\w*\b.*\bhandling", "allmän handling"),
    (r"\bkopi(a|or)\b|\bavskrift", "avskrift kopia"),
    (r"\bkosta[rd]?\b|\bbetala\b|\bpris\b|\bavgift", "avgift"),
    (r"\bjournalist|\btidning|\bmedia\b|\bpressen\b|\btipsa", "meddelarfrihet uppgifter offentliggörande"),
    (r"\banonym|\bvem jag är\b|\bvarför jag vill", "efterforska vem syfte"),
    (r"\bhemli(g|ga|gt|ghåll)|\bhemlighålla|\btystnadsplikt|\bberätta för andra", "sekretess röjas"),
    # administrative procedure
    (r"\bpartisk|\bjävig|\bvän(ner)? till|\bsläkt", "jäv jävig"),
    (r"\bförklara varför|\bmotiver|\bskälen för", "motivering skäl"),
    (r"\bsäga mitt|\byttra mig|\bkommentera|\bbli hörd", "yttra sig underrätta kommunicering"),
    (r"\böverklag|\bklaga på\b|\bändra ett beslut|\bomprövning", "överklagande överklagas"),
    (r"\binte kan svenska|\bannat språk|\btolk", "tolk översättning"),
    (r"\bhandlägg|\bsnabbt\b|\bsnabbare\b|\bdröj|\btar lång tid", "handläggas skyndsamt dröjsmål"),
    (r"\bmitt (eget )?ärende|\bmin akt\b|\bmaterial i\b", "part ta del av material"),
    # local government
    (r"\bfullmäktige|\bkommunfullmäktige|\bpolitiker", "fullmäktige"),
    (r"\btjänste(man|män|männen|person)|\btjänstemännen", "delegera anställd"),
    (r"\blämna över till|\bdelegera", "delegeras uppdra"),
    (r"\ballmänheten\b|\böppna möten|\bvara med när", "offentliga sammanträden"),
    (r"\bkommuninvånare|\binvånar(e|na)|\bmedborgar(e|na)", "medlem medlemmar"),
    (r"\bförslag", "medborgarförslag väcka ärenden"),
    (r"\bolika\b|\bsärbehandl|\brättvis", "lika likställighet sakliga skäl"),
    (r"\bekonomi|\bbudget", "ekonomisk hushållning budget"),
    (r"\bsyssla med|\bfår en kommun\b|\bvad får kommunen", "angelägenheter allmänt intresse"),
    # social services, care, children
    (r"\bklient|\bbrukare", "enskild enskilda"),
    (r"\bprivat(a)? förhållanden|\bprivatliv", "personliga förhållanden"),
    (r"\bfar illa|\borosanmäl|\bmisstänker att ett barn", "anmäla socialnämnden barn far illa"),
    (r"\bförsörjningsstöd|\bsocialbidrag|\bekonomiskt stöd", "försörjningsstöd bistånd levnadsnivå"),
    (r"\bomhänd|\btvångsvård|\btvångsomhänd|\bta barnet", "vård unge beslutas påtaglig risk"),
    (r"\bäldreboende|\bhemtjänst|\bboende för äldre", "särskild boendeform"),
    (r"\bfunktionsnedsättning|\bfunktionshinder|\bfunktionsvariation", "funktionshindrade insatser"),
    (r"\bansvar(ar|et)? för att\b|\bvem ansvarar", "ansvar ansvarar"),
    # health care
    (r"\bpatient(ers|erna)? hälsa|\bjournal", "hälsotillstånd"),
    (r"\bvården\b|\bsjukvård", "hälso- och sjukvård"),
    # data protection
    (r"\bgdpr|\bdataskydd", "personuppgifter dataskyddsförordning"),
    (r"\bmed vilket stöd|\brättslig grund|\blaglig grund", "rättslig grund nödvändig behandling"),
    (r"\bsamtycke", "samtycke"),
    (r"\bvar någon bor|\badress", "bostadsadress"),
    # work
    (r"\bjobb(et)?\b|\bjobba|\bpå arbetet", "arbete arbetsgivare arbetstagare"),
    (r"\bsöker jobb|\bsöka jobb|\bsökande", "söker arbete"),
    (r"\banställd(a)?\b|\bpersonal(en)?\b", "arbetstagare"),
    (r"\bolyck(a|or)|\bskad(a|or) på", "olycksfall ohälsa"),
    (r"\bsäga upp|\bsparka|\bavskeda", "uppsägning"),
    (r"\bsemester", "semesterdagar semesterledighet"),
    (r"\barbetstid|\bövertid", "arbetstid"),
    # surveillance, procurement, building
    (r"\bkamera|\bövervakning|\bövervakningskamer", "kamerabevakning"),
    (r"\bskylt", "skyltning upplysning"),
    (r"\bupphandl|\bköpa in|\binköp", "upphandling leverantörer"),
    (r"\bbygga\b|\bbygglov|\bbygg(er)?\b", "bygglov"),
]

# Statute names, abbreviations and subjects only one law governs → SFS numbers.
STATUTE_HINTS: list[tuple[str, tuple[str, ...]]] = [
    (r"\btryckfrihet|\ballmän(na)? handling|\bmeddelarfrihet|\bbegär(a|er)? ut", ("1949:105",)),
    (
        r"\bförvaltningslag|\bjäv|\bpartisk|\bhandlägg|\bmyndighet\w* .*\bbeslut|\bbeslut\w* .*\bmyndighet",
        ("2017:900",),
    ),
    (r"\bkommunallag|\bfullmäktige|\bnämnd(en|er)?\b|\bkommunstyrelse|\bmedborgarförslag", ("2017:725",)),
    (r"\bsekretess|\bhemli(g|ga|gt|ghåll)|\btystnadsplikt|\boffentlighets- och sekretess", ("2009:400",)),
    (r"\bsocialtjänst|\bsocialnämnd|\bförsörjningsstöd|\bbistånd|\bfar illa", ("2025:400",)),
    (r"\blss\b|\bfunktionshind|\bfunktionsnedsättning|\bpersonlig assistans", ("1993:387",)),
    (r"\bhälso- och sjukvård|\bsjukvård|\bvården\b|\bäldreboende", ("2017:30",)),
    (r"\bupphandl|\blou\b", ("2016:1145",)),
    (r"\bpersonuppgift|\bgdpr|\bdataskydd|\bpersonnummer", ("2018:218",)),
    (r"\bdiskriminer", ("2008:567",)),
    (r"\bkamera|\bövervakning", ("2018:1200",)),
    (r"\barbetsmiljö|\bskyddsombud|\bohälsa|\bolyck", ("1977:1160",)),
    (r"\buppsägning|\blas\b|\banställningsskydd|\bsäga upp", ("1982:80",)),
    (r"\bsemester", ("1977:480",)),
    (r"\barbetstid|\bövertid", ("1982:673",)),
    (r"\bomhänd|\blvu\b|\btvångsvård av (barn|unga)", ("1990:52",)),
    (r"\bbygglov|\bdetaljplan|\bplan- och bygg", ("2010:900",)),
]


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], tuple[str, ...]]]]:
    return (
        [(re.compile(pattern), phrase) for pattern, phrase in SYNONYMS],
        [(re.compile(pattern), sfs) for pattern, sfs in STATUTE_HINTS],
    )


def expansions(question: str) -> list[tuple[str, float]]:
    lowered = question.lower()
    return [(phrase, EXPANSION_WEIGHT) for pattern, phrase in _compiled()[0] if pattern.search(lowered)]


def statute_hints(question: str) -> list[str]:
    lowered = question.lower()
    found: dict[str, None] = {}
    for pattern, numbers in _compiled()[1]:
        if pattern.search(lowered):
            found.update(dict.fromkeys(numbers))
    return list(found)
