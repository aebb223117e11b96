"""What each notice on an answer says to the person reading it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kraft.knowledge.answers import results

SHOWN = 3  # synonyms named per word in the notice
SHOWN_WORDS = 5  # words named in it


def message(notice: dict[str, Any]) -> str:
    code = notice.get("code")
    if code == results.PERSONAL_NUMBER:
        return _(
            "Frågan innehöll ett personnummer. Skriv inte personnummer eller andra personuppgifter i frågor. "
            "Numret togs bort innan frågan söktes och sparas inte."
        )
    if code == results.PERSONAL_DATA_FALLBACK:
        return _(
            "Några källor kommer från bibliotek med personuppgifter och skickades inte till språkmodellen. "
            "De citeras i stället ordagrant."
        )
    if code == results.MODEL_FAILED:
        return _("Språkmodellen svarade inte, så svaret består av citat ur källorna.")
    if code == results.CLAIMS_REMOVED:
        count = int(notice.get("count", 1))
        return ngettext(
            "%(count)s påstående från språkmodellen kunde inte kontrolleras mot källorna och har tagits bort.",
            "%(count)s påståenden från språkmodellen kunde inte kontrolleras mot källorna och har tagits bort.",
            count,
        ) % {"count": count}
    if code == results.NOTHING_VERIFIED:
        return _(
            "Inget av språkmodellens påståenden kunde kontrolleras mot källorna; svaret citerar källorna i stället."
        )
    if code == results.REPEALED:
        return _("Minst en citerad författning är upphävd. Kontrollera vilken lag som gäller nu.")
    if code == results.SOURCES_GONE:
        return _("Några källor har tagits bort eller är inte längre tillgängliga för dig och visas därför inte.")
    if code == results.UNCERTAIN_ANSWER:
        return _(
            "Osäkert – kontrollera källan. Det bästa avsnittet svarar bara delvis på frågan; läs paragrafen "
            "innan du förlitar dig på svaret."
        )
    if code == results.NO_SUCH_PROVISION:
        return _("%(citation)s finns inte i biblioteket. Kontrollera kapitel- och paragrafnumret.") % {
            "citation": notice.get("citation", "")
        }
    if code == results.UNKNOWN_NAME:
        return _("Källorna nämner inte %(names)s, så de kan inte svara på det frågan gäller.") % {
            "names": ", ".join(str(n) for n in notice.get("names", []))
        }
    if code == results.NO_SEARCH_WORDS:
        return _("Frågan innehåller inga ord att söka på. Skriv vad du vill veta med egna ord.")
    if code == results.OTHER_LANGUAGE:
        return _(
            "Frågan verkar vara skriven på ett annat språk än svenska. Källorna är på svenska: fråga gärna på svenska."
        )
    if code == results.ORGANISATION_GUIDANCE:
        return _("Din organisations egen vägledning i ämnet citeras tillsammans med lagen den bygger på.")
    if code == results.SYNONYMS:
        bridged = notice.get("words", {})
        return _(
            "Lagtexterna använder inte alla ord i frågan, så Kraft sökte också på ord med samma betydelse: %(words)s."
        ) % {
            "words": "; ".join(
                f"{word} → {', '.join(synonyms[:SHOWN])}" for word, synonyms in list(bridged.items())[:SHOWN_WORDS]
            )
        }
    return str(code or "")


def messages(notices: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**notice, "message": message(notice)} for notice in notices]
