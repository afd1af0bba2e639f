"""Who says so, in words: one line per stance, claims and denials by party.

See docs/design.md, rule 2.
"""

from dataclasses import dataclass

from .models import Citation

STANCE_ORDER = [
    Citation.Stance.CONFIRMS,
    Citation.Stance.REPORTS,
    Citation.Stance.CLAIMS,
    Citation.Stance.DENIES,
]
STANCE_PHRASES = {
    Citation.Stance.CONFIRMS: "Confirmed by",
    Citation.Stance.REPORTS: "Reported by",
    Citation.Stance.CLAIMS: "Claimed by",
    Citation.Stance.DENIES: "Denied by",
}


@dataclass(frozen=True)
class Attribution:
    stance: str
    party: str  # the party whose claim or denial this is, or "" for sources outside the conflict
    names: tuple

    def __str__(self):
        names = join_names(self.names)
        if self.party:
            return f"{STANCE_PHRASES[self.stance]} {self.party}, a party to the conflict: {names}"
        return f"{STANCE_PHRASES[self.stance]} {names}"


def join_names(names):
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def source_label(source):
    name = source.attribution_name
    if source.affiliation == source.Affiliation.UNKNOWN:
        return f"{name} (affiliation unknown)"
    return name


def attribute(citations):
    """Group citations into attribution lines, in a fixed order.

    Takes already-fetched citations (with their sources and parties) and runs no query.
    """
    groups = {}
    for citation in citations:
        party = citation.source.party.name if citation.source.is_party else ""
        names = groups.setdefault((citation.stance, party), [])
        label = source_label(citation.source)
        if label not in names:
            names.append(label)
    return [
        Attribution(stance, party, tuple(names))
        for (stance, party), names in sorted(
            groups.items(), key=lambda item: (STANCE_ORDER.index(item[0][0]), item[0][1])
        )
    ]


def by_stance(citations):
    """[(stance label, [citations])] in the fixed stance order, leaving out empty stances."""
    citations = list(citations)
    return [
        (stance.label, group)
        for stance in STANCE_ORDER
        if (group := [citation for citation in citations if citation.stance == stance])
    ]
