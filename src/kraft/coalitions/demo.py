"""Demo of shared needs and coalitions: 17 public needs from kommuner, regioner and a federation of associations,
signals on them, three coalitions at different stages (one grown into a joint initiative) and a conversation.

Idempotent: a second run finds what the first created (by title) and adds nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from kraft.coalitions import services as coalitions
from kraft.coalitions.models import Coalition
from kraft.initiatives.models import Initiative
from kraft.needs import services as needs
from kraft.needs.models import Need, Signal
from kraft.organisations.models import Organisation

ACTOR = "demo"
FEDERATION = "Föreningsalliansen Västernorrland"

# organisation, title, welfare area, urgency, problem, desired outcome, target group
NEEDS: list[tuple[str, str, str, str, str, str, str]] = [
    (
        "Sundsvalls kommun",
        "Svar dygnet runt på invånarnas vanligaste frågor",
        "medborgarservice",
        "high",
        "Kontaktcenter tar emot över 20 000 samtal i månaden. De flesta gäller samma saker: bygglov, avfallshämtning, "
        "skolskjuts och felanmälan. Invånarna väntar i telefonkö och handläggarna avbryts i sitt arbete.",
        "En AI-assistent på webben och i telefon som svarar korrekt på vanliga frågor och lämnar över till en "
        "handläggare när frågan kräver det.",
        "Invånare och företagare som kontaktar kommunen",
    ),
    (
        "Härnösands kommun",
        "Tydligare beslut i ekonomiskt bistånd",
        "socialtjanst",
        "medium",
        "Handläggare lägger mycket tid på att formulera beslut och motiveringar. Besluten är ofta svåra att förstå för "
        "den som söker, vilket leder till frågor och överklaganden.",
        "Stöd som föreslår klarspråk och struktur i beslutstexter utan att fatta beslut.",
        "Handläggare inom försörjningsstöd",
    ),
    (
        "Timrå kommun",
        "Planera hemtjänstens turer smartare",
        "vard-och-omsorg",
        "high",
        "Hemtjänstens scheman läggs för hand varje dag. Körtiden mellan brukare är lång, och när någon blir sjuk "
        "tar omplaneringen en stor del av förmiddagen.",
        "Förslag på turer som minskar körtiden och tar hänsyn till kontinuitet för brukaren.",
        "Planerare och personal i hemtjänsten",
    ),
    (
        "Region Västernorrland",
        "Sortera remisser till rätt mottagning",
        "vard-och-omsorg",
        "medium",
        "Remisser hamnar ofta på fel mottagning och skickas vidare flera gånger innan patienten får en tid.",
        "Förslag på mottagare för varje inkommande remiss, som en sjuksköterska bekräftar.",
        "Remissmottagare i specialistvården",
    ),
    (
        FEDERATION,
        "Nå äldre som riskerar ofrivillig ensamhet",
        "vard-och-omsorg",
        "medium",
        "Föreningarna har volontärer som vill göra besök och ringa samtal, men når inte de äldre som är mest ensamma. "
        "Vi vet inte heller om vårt volontärregister kräver rättslig grund enligt dataskyddsreglerna.",
        "Ett sätt att matcha volontärer med äldre som vill ha sällskap, byggt så att personuppgifter skyddas.",
        "Äldre i länet och föreningarnas volontärer",
    ),
    (
        "Umeå kommun",
        "Texter anpassade efter elevens läsnivå",
        "skola-och-utbildning",
        "medium",
        "Många elever i grundskolan har svårt med läsförståelse. Lärarna hinner inte skriva om texter i flera nivåer.",
        "Verktyg som anpassar en text till elevens nivå och som läraren granskar.",
        "Elever och lärare i grundskolan",
    ),
    (
        "Region Skåne",
        "Tolkning på fler språk i mödrahälsovården",
        "vard-och-omsorg",
        "high",
        "Det är svårt att boka tolk med kort varsel, särskilt för mindre språk, och samtalen blir korta och osäkra.",
        "Maskinell tolkning som stöd i enklare samtal, med mänsklig tolk där det behövs.",
        "Barnmorskor och blivande föräldrar",
    ),
    (
        "Göteborgs stad",
        "Hitta läckor i vattenledningsnätet tidigt",
        "samhallsbyggnad-och-stadsplanering",
        "medium",
        "En stor del av det renade vattnet försvinner i läckor. Läckorna upptäcks ofta först när de syns på gatan.",
        "Analys av flöden och tryck som pekar ut troliga läckor innan de blir stora.",
        "Drift av VA-nätet",
    ),
    (
        "Malmö stad",
        "Snabbare registrering av inkommande handlingar",
        "administration-och-ekonomi",
        "low",
        "Registratorerna läser och registrerar tusentals handlingar i veckan "
        "och tar ställning till sekretess för varje.",
        "Förslag på ärendetyp, diarieplan och möjlig sekretess som registratorn godkänner.",
        "Registratorer",
    ),
    (
        "Kiruna kommun",
        "Snöröjning efter väderprognos",
        "kollektivtrafik-och-mobilitet",
        "medium",
        "Snöröjningen planeras efter erfarenhet. Ibland kör fordonen ut för tidigt, ibland för sent.",
        "Planering som använder väderprognoser och tidigare vintrar för att köra ut vid rätt tidpunkt.",
        "Gatu- och parkförvaltningen",
    ),
    (
        "Västerås stad",
        "Stöd för elever som riskerar att inte nå gymnasiebehörighet",
        "skola-och-utbildning",
        "medium",
        "Vi upptäcker ofta för sent att en elev inte kommer att nå behörighet. Uppgifterna finns men är spridda.",
        "Tidiga signaler till elevhälsan, med tydliga gränser för hur elevuppgifter får användas.",
        "Elevhälsan och mentorer",
    ),
    (
        "Örebro kommun",
        "Svar på medarbetarnas HR-frågor",
        "hr",
        "low",
        "HR-avdelningen får samma frågor om semester, sjukfrånvaro och lön om och om igen.",
        "En intern assistent som svarar utifrån kommunens egna riktlinjer och hänvisar till rätt person.",
        "Medarbetare och chefer",
    ),
    (
        "Linköpings kommun",
        "Lägre energiförbrukning i kommunens fastigheter",
        "miljo-och-klimat",
        "medium",
        "Ventilation och värme styrs efter fasta scheman, även när lokalerna står tomma.",
        "Styrning som lär sig hur lokalerna används och sparar energi utan sämre inomhusklimat.",
        "Fastighetsförvaltningen",
    ),
    (
        "Region Jämtland Härjedalen",
        "Prognos för vårdplatser på sjukhuset",
        "vard-och-omsorg",
        "high",
        "Överbeläggningarna ökar under vintern. "
        "Vi ser behovet av vårdplatser för sent för att kunna planera bemanningen.",
        "En prognos några dagar framåt över behovet av vårdplatser per avdelning.",
        "Vårdplatskoordinatorer",
    ),
    (
        "Luleå kommun",
        "Klarspråk i kommunens texter",
        "medborgarservice",
        "low",
        "Webbtexter och brev är ofta svåra att förstå. Invånarna ringer för att få förklarat vad som står.",
        "Stöd som föreslår enklare formuleringar och som lär sig kommunens skrivregler.",
        "Kommunikatörer och handläggare",
    ),
    (
        FEDERATION,
        "Översätta föreningars information till lätt svenska och fler språk",
        "kultur-och-fritid",
        "low",
        "Föreningarna vill nå nyanlända och personer med intellektuell funktionsnedsättning, "
        "men har ingen som översätter.",
        "Ett enkelt verktyg för lätt svenska och översättning som föreningarna själva kan använda.",
        "Föreningar och deras medlemmar",
    ),
    (
        "Härnösands kommun",
        "Chattbot för kommunens växel",
        "medborgarservice",
        "medium",
        "Växeln kopplar samtal som kunde ha besvarats direkt. "
        "Samma frågor om öppettider och avgifter återkommer varje dag.",
        "En röst- eller chattbot som besvarar enkla frågor och kopplar rätt.",
        "Invånare som ringer kommunen",
    ),
]

# organisation, need title, kind, contributions
SIGNALS = [
    ("Timrå kommun", "Svar dygnet runt på invånarnas vanligaste frågor", Signal.Kind.SAME_NEED, []),
    ("Härnösands kommun", "Svar dygnet runt på invånarnas vanligaste frågor", Signal.Kind.SAME_NEED, []),
    (
        "Region Västernorrland",
        "Svar dygnet runt på invånarnas vanligaste frågor",
        Signal.Kind.CONTRIBUTE,
        ["competence", "procurement"],
    ),
    ("Luleå kommun", "Svar dygnet runt på invånarnas vanligaste frågor", Signal.Kind.FOLLOW, []),
    ("Sundsvalls kommun", "Planera hemtjänstens turer smartare", Signal.Kind.SAME_NEED, []),
    ("Härnösands kommun", "Planera hemtjänstens turer smartare", Signal.Kind.FOLLOW, []),
    ("Sundsvalls kommun", "Nå äldre som riskerar ofrivillig ensamhet", Signal.Kind.CONTRIBUTE, ["data", "pilot_site"]),
    ("Luleå kommun", "Texter anpassade efter elevens läsnivå", Signal.Kind.SAME_NEED, []),
    ("Västerås stad", "Texter anpassade efter elevens läsnivå", Signal.Kind.FOLLOW, []),
    ("Malmö stad", "Tolkning på fler språk i mödrahälsovården", Signal.Kind.SAME_NEED, []),
    ("Region Västernorrland", "Sortera remisser till rätt mottagning", Signal.Kind.FOLLOW, []),
    ("Sundsvalls kommun", "Chattbot för kommunens växel", Signal.Kind.SAME_NEED, []),
    ("Umeå kommun", "Klarspråk i kommunens texter", Signal.Kind.SAME_NEED, []),
    ("Linköpings kommun", "Hitta läckor i vattenledningsnätet tidigt", Signal.Kind.FOLLOW, []),
    ("Göteborgs stad", "Lägre energiförbrukning i kommunens fastigheter", Signal.Kind.CONTRIBUTE, ["competence"]),
]


def _organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _needs() -> dict[str, Need]:
    found: dict[str, Need] = {}
    for index, (org, title, area, urgency, problem, outcome, group) in enumerate(NEEDS):
        need = Need.objects.filter(title=title).first()
        if need is None:
            need = needs.create_need(
                ACTOR,
                {
                    "title": title,
                    "problem": problem,
                    "desired_outcome": outcome,
                    "target_group": group,
                    "welfare_area": area,
                    "urgency": urgency,
                    "involves_personal_data": area in ("vard-och-omsorg", "socialtjanst"),
                },
                organisation=_organisation(org),
                publish=True,
            )
            opened = timezone.now() - timedelta(days=120 - index * 6)
            Need.objects.filter(pk=need.pk).update(opened_at=opened)
        found[title] = need
    if not Need.objects.filter(title="Utkast: AI-stöd i biståndsbedömningen").exists():
        needs.create_need(
            ACTOR,
            {"title": "Utkast: AI-stöd i biståndsbedömningen", "problem": "Ett utkast som bara Sundsvalls kommun ser."},
            organisation=_organisation("Sundsvalls kommun"),
        )
    return found


def _signals(found: dict[str, Need]) -> None:
    for org, title, kind, contributions in SIGNALS:
        organisation = _organisation(org)
        need = found[title]
        if not Signal.objects.filter(need=need, organisation=organisation, kind=kind).exists():
            needs.add_signal(ACTOR, need, organisation=organisation, kind=kind, contributions=contributions)


def _coalition(title: str, lead: str, need: Need, description: str) -> tuple[Coalition, bool]:
    existing = Coalition.objects.filter(title=title).first()
    if existing is not None:
        return existing, False
    return coalitions.create_coalition(
        ACTOR, lead=_organisation(lead), title=title, description=description, need=need
    ), True


def _join(
    coalition: Coalition,
    org: str,
    role: str,
    *,
    hours: int | None = None,
    kronor: int | None = None,
    decision: str = "",
) -> None:
    invitation = coalitions.invite(ACTOR, coalition, _organisation(org), role)
    member = coalitions.respond(ACTOR, invitation, accept=True, decision_reference=decision)
    if member is not None and (hours or kronor):
        coalitions.update_commitment(
            ACTOR, member, hours=hours, kronor=Decimal(kronor) if kronor else None, decision_reference=decision
        )


def _coalitions(found: dict[str, Need]) -> None:
    # 1. Grown from a need into a joint initiative: four organisations, agreement unlocked, work started.
    switchboard, new = _coalition(
        "Gemensam AI-assistent för kontaktcenter i Västernorrland",
        "Sundsvalls kommun",
        found["Svar dygnet runt på invånarnas vanligaste frågor"],
        "Tre kommuner och regionen tar fram en gemensam AI-assistent för invånarnas vanligaste frågor, "
        "med en gemensam kunskapsbas och samma upphandlade plattform.",
    )
    if new:
        lead = switchboard.members.get()
        coalitions.update_commitment(
            ACTOR,
            lead,
            hours=600,
            kronor=Decimal(400000),
            data="Frågor och svar från kontaktcenter",
            decision_reference="Kommunstyrelsen 2026-02-10 § 31",
        )
        _join(switchboard, "Timrå kommun", "pilot_site", hours=200, decision="Kommunstyrelsen 2026-02-24 § 18")
        _join(
            switchboard,
            "Härnösands kommun",
            "co_funder",
            hours=150,
            kronor=150000,
            decision="Kommunstyrelsen 2026-03-03 § 22",
        )
        _join(switchboard, "Region Västernorrland", "facilitator", hours=80, decision="Regionstyrelsen 2026-03-10 § 40")
        first = coalitions.add_milestone(ACTOR, switchboard, "Gemensam kravspecifikation", date(2026, 4, 30))
        coalitions.complete_milestone(ACTOR, first)
        coalitions.add_milestone(ACTOR, switchboard, "Pilot i Timrå", date(2026, 9, 30))
        coalitions.add_milestone(ACTOR, switchboard, "Utvärdering och beslut om breddinförande", date(2027, 3, 31))
        coalitions.start_joint_initiative(ACTOR, switchboard)
    # 2. Forming: one partner has accepted, one invitation is still open.
    routes, new = _coalition(
        "Smartare planering i hemtjänsten",
        "Timrå kommun",
        found["Planera hemtjänstens turer smartare"],
        "Timrå och Sundsvall prövar ruttplanering med samma planeringsregler.",
    )
    if new:
        _join(routes, "Sundsvalls kommun", "pilot_site", hours=120, decision="Socialnämnden 2026-03-18 § 12")
        coalitions.invite(
            ACTOR,
            routes,
            _organisation("Härnösands kommun"),
            "knowledge_partner",
            "Vill ni vara med och dela era erfarenheter?",
        )
        coalitions.add_milestone(ACTOR, routes, "Gemensamma planeringsregler", date(2026, 6, 15))
    # 3. Just formed around a school need; the first invitation has gone out.
    reading, new = _coalition(
        "Läsförståelse med AI i grundskolan",
        "Umeå kommun",
        found["Texter anpassade efter elevens läsnivå"],
        "Umeå bjuder in kommuner som vill pröva anpassade texter i undervisningen.",
    )
    if new:
        coalitions.invite(ACTOR, reading, _organisation("Luleå kommun"), "pilot_site")


def _conversation(found: dict[str, Need]) -> None:
    from kraft.messaging import services as messaging
    from kraft.messaging.models import Conversation

    if Conversation.objects.filter(subject="Erfarenheter av chattbot i växeln").exists():
        return
    conversation = messaging.start_conversation(
        "demo",
        sender_organisation=_organisation("Härnösands kommun"),
        subject="Erfarenheter av chattbot i växeln",
        body="Hej! Vi har ett liknande behov och undrar hur ni har tänkt kring personuppgifter i samtalsloggarna.",
        need=found["Svar dygnet runt på invånarnas vanligaste frågor"],
    )
    messaging.reply(
        "demo",
        conversation,
        "Hej! Vi sparar inga samtal i klartext. Vi berättar gärna mer.",
        organisation=_organisation("Sundsvalls kommun"),
    )


@transaction.atomic
def load(stdout: Any) -> None:
    if not Organisation.objects.filter(name=FEDERATION).exists():
        return  # the accounts demo registers the federation first
    found = _needs()
    _signals(found)
    _coalitions(found)
    _conversation(found)
    stdout.write(
        f"Behov: {Need.objects.exclude(status=Need.Status.DRAFT).count()} publicerade, "
        f"{Signal.objects.count()} signaler, {Coalition.objects.count()} samverkan, "
        f"{Initiative.objects.filter(coalitions__isnull=False).count()} gemensamt initiativ.\n"
    )
