"""Finds the Swedish municipality or region that a source names, in Swedish or English.

Sources write "Stockholms stad", "City of Stockholm", "Municipality of Upplands-Bro", "Vaxjo Kommun",
"Gothenburg", "Region Skåne" or "Västra Götaland Region". Names are folded (lower case, å/ä/ö → a/a/o, hyphens and
punctuation → spaces) and stripped of the words that only say what kind of body it is, then looked up among the
290 municipalities (short and official names from the reference data) and the 21 regions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kraft.organisations import reference
from kraft.organisations.models import Organisation

# English or older names that folding alone cannot reach.
EXONYMS = {
    "gothenburg": "goteborg",
    "gotenburg": "goteborg",
    "go teborg co": "goteborg",
    "go teborg": "goteborg",
    "gavle": "gavle",
    "malmo lund": "malmo",
}
REGION_ALIASES = {
    "vastra gotaland": "14",
    "vastra gotalandsregionen": "14",
    "vgr": "14",
    "sormland": "04",
    "jamtland harjedalen": "23",
    "stockholms lans landsting": "01",
}
# Words that describe the kind of body, in Swedish and English.
KIND_WORDS = (
    "municipality of",
    "city of",
    "cities of",
    "town of",
    "kommune",
    "kommun",
    "municipality",
    "stad",
    "city",
    "the",
)
SPLIT = re.compile(r",|;|/|\(|\)| and | och | & ")
# A name with one of these words is not the municipality itself (a university, an agency, a project, a company).
NOT_A_MUNICIPALITY = re.compile(
    r"(^| )(universit\w*|institut\w*|hogskola\w*|hoegskola\w*|agency|authority|office|police|service|project|"
    r"hub|ab|ltd|commission|vattenfall|primona|verket|myndighet\w*|sweden|swedish|national|consortium)( |$)"
)
HOSPITAL = re.compile(r"(^| )(hospitals?|sjukhus\w*|health care|healthcare)( |$)")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


def _strip_kind(key: str) -> str:
    for word in KIND_WORDS:
        key = re.sub(rf"(^| ){word}( |$)", " ", key)
    key = " ".join(key.split())
    return EXONYMS.get(key, key)


@dataclass
class OrganisationIndex:
    """Folded names → organisation, built once per import from the database."""

    municipalities: dict[str, Organisation] = field(default_factory=dict)
    regions: dict[str, Organisation] = field(default_factory=dict)
    others: dict[str, Organisation] = field(default_factory=dict)

    @classmethod
    def build(cls) -> OrganisationIndex:
        index = cls()
        by_code = {o.municipality_code: o for o in Organisation.objects.filter(kind=Organisation.Kind.KOMMUN)}
        for row in reference.municipalities():
            org = by_code.get(row["kommunkod"])
            if org is None:
                continue
            for name in (row["kommun"], row["kommun_officiellt"], org.name):
                key = _strip_kind(fold(name))
                index.municipalities.setdefault(key, org)
                if key.endswith("s") and len(key) > 4:  # "Stockholms stad", "Göteborgs stad"
                    index.municipalities.setdefault(key[:-1], org)
        for org in Organisation.objects.filter(kind=Organisation.Kind.REGION).select_related("county"):
            key = fold(org.name)
            index.regions[key] = org
            index.regions[_strip_region(key)] = org
            if org.county is not None:
                index.regions[_strip_region(fold(org.county.short_name))] = org
                index.regions[_strip_region(fold(org.county.name))] = org
        regions_by_code = {o.county.code: o for o in index.regions.values() if o.county is not None}
        for alias, code in REGION_ALIASES.items():
            if code in regions_by_code:
                index.regions[alias] = regions_by_code[code]
        for org in Organisation.objects.exclude(kind__in=[Organisation.Kind.KOMMUN, Organisation.Kind.REGION]).filter(
            status=Organisation.Status.APPROVED
        ):
            for name in (org.name, org.official_name):
                if name:
                    index.others.setdefault(fold(name), org)
        return index

    def match_one(self, name: str) -> Organisation | None:
        key = fold(name)
        if not key:
            return None
        if re.search(r"(^| )(region|regionen|landsting|county council)( |$)", key) or key.endswith("regionen"):
            return self.regions.get(_strip_region(key)) or self.regions.get(key)
        if key in self.others:
            return self.others[key]
        stripped = _strip_kind(key)
        return self.municipalities.get(stripped)

    def match(self, text: str) -> list[Organisation]:
        """Every organisation named in ``text`` (a list such as "Cities of Luleå, Boden and Uppsala"), in order.

        Hospitals in Sweden are run by the regions, so "Uppsala, Umeå … Hospitals" names the regions of those towns.
        """
        key = fold(text)
        if key in self.others:
            return [self.others[key]]
        hospitals = bool(HOSPITAL.search(key))
        if NOT_A_MUNICIPALITY.search(key) and not hospitals:
            return []
        whole = self.match_one(text)
        pieces = SPLIT.split(f" {text} ")
        parts = [whole] if whole else [self.match_one(HOSPITAL.sub(" ", fold(piece))) for piece in pieces]
        found: list[Organisation] = []
        for org in parts:
            if org is not None and hospitals and org.kind == Organisation.Kind.KOMMUN:
                org = self._region_of(org)
            if org is not None and org not in found:
                found.append(org)
        return found

    def _region_of(self, municipality: Organisation) -> Organisation | None:
        for region in self.regions.values():
            if region.county_id == municipality.county_id:
                return region
        return None


def _strip_region(key: str) -> str:
    key = re.sub(r"(^| )(region|regionen|landsting|county council|lans|lan)( |$)", " ", key)
    key = re.sub(r"regionen$", "", key.strip())
    return " ".join(key.split())
