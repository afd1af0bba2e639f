"""Who says so, in words: one line per stance, claims and denials by party.

See docs/design.md, rule 2.

The lines are written in the active language (or the one asked for). In Ukrainian and Russian
no name is declined: the content-translation layer gives a party's name in the nominative, and a
source's name is often a foreign title that does not decline at all. So each line is built for
a name in the nominative. The sources are the subject of a present-tense verb placed first
("Підтверджують Reuters та AP", "Сообщает ТАСС"), the verb singular for one source and plural for
several; a party is named in apposition to "a party to the conflict", which is the verb's subject
and singular whatever the party is called ("Стверджує сторона конфлікту Росія: ТАСС та РІА
Новини"). Declining the names instead would need a table of every party's cases, and would still
go wrong for every name added after it.
"""

import functools
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy

from .models import Citation

Stance = Citation.Stance
STANCE_ORDER = [Stance.CONFIRMS, Stance.REPORTS, Stance.CLAIMS, Stance.DENIES]
# One source and several are two messages, not a plural by count: the verb agrees with one
# subject or many ("Підтверджує" / "Підтверджують"), and a count of 21 is "one" in Ukrainian.
ONE_SOURCE = {
    Stance.CONFIRMS: pgettext_lazy("attribution, one source", "Confirmed by %(names)s"),
    Stance.REPORTS: pgettext_lazy("attribution, one source", "Reported by %(names)s"),
    Stance.CLAIMS: pgettext_lazy("attribution, one source", "Claimed by %(names)s"),
    Stance.DENIES: pgettext_lazy("attribution, one source", "Denied by %(names)s"),
}
SEVERAL_SOURCES = {
    Stance.CONFIRMS: pgettext_lazy("attribution, several sources", "Confirmed by %(names)s"),
    Stance.REPORTS: pgettext_lazy("attribution, several sources", "Reported by %(names)s"),
    Stance.CLAIMS: pgettext_lazy("attribution, several sources", "Claimed by %(names)s"),
    Stance.DENIES: pgettext_lazy("attribution, several sources", "Denied by %(names)s"),
}
A_PARTY = {
    Stance.CONFIRMS: pgettext_lazy(
        "attribution", "Confirmed by %(party)s, a party to the conflict: %(names)s"
    ),
    Stance.REPORTS: pgettext_lazy(
        "attribution", "Reported by %(party)s, a party to the conflict: %(names)s"
    ),
    Stance.CLAIMS: pgettext_lazy(
        "attribution", "Claimed by %(party)s, a party to the conflict: %(names)s"
    ),
    Stance.DENIES: pgettext_lazy(
        "attribution", "Denied by %(party)s, a party to the conflict: %(names)s"
    ),
}
# What each stance's sources do, as a verb that follows "Who" in every language ("Who reports",
# "Хто повідомляє", "Кто сообщает").
STANCE_VERBS = {
    Stance.CONFIRMS: pgettext_lazy("who does it", "confirms"),
    Stance.REPORTS: pgettext_lazy("who does it", "reports"),
    Stance.CLAIMS: pgettext_lazy("who does it", "claims"),
    Stance.DENIES: pgettext_lazy("who does it", "denies"),
}


@dataclass(frozen=True)
class Attribution:
    stance: str
    party: str  # the party whose claim or denial this is, or "" for sources outside the conflict
    names: tuple  # (name, whether its affiliation is known) for each source, in order

    def __str__(self):
        return self.text()

    def text(self, language=None):
        """The line in ``language`` ("en", "uk", "ru"), by default the active one."""
        return _text(language or translation.get_language(), self)


FORMS = {"party": A_PARTY, "one source": ONE_SOURCE, "several sources": SEVERAL_SOURCES}


@functools.lru_cache(maxsize=4096)
def _text(language, attribution):
    """A line in ``language``, put into words once: listings and exports write the same few
    lines for thousands of events, and the words were a tenth of an export's time."""
    with translation.override(language):
        if attribution.party:
            form = "party"
        elif len(attribution.names) == 1:
            form = "one source"
        else:
            form = "several sources"
        line = str(FORMS[form][attribution.stance])
        names = [name_text(name, known) for name, known in attribution.names]
        return line % {"party": attribution.party, "names": join_names(names)}


def join_names(names):
    """'A', 'A and B', 'A, B and C', with "and" in the active language."""
    if len(names) == 1:
        return names[0]
    return gettext("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def name_text(name, known):
    """A source's name in a line, in the active language saying when its affiliation is
    unknown."""
    return name if known else gettext("%(name)s (affiliation unknown)") % {"name": name}


def source_label(source):
    """(name, whether its affiliation is known): what a line needs of a source."""
    return source.attribution_name, source.affiliation != source.Affiliation.UNKNOWN


def attribute(citations):
    """Group citations into attribution lines, in a fixed order.

    Takes already-fetched citations (with their sources and parties) and runs no query. The
    names are kept as they are; the lines put them into words when shown.
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
    """[(what the sources do, [citations])] in the fixed stance order, leaving out empty stances.

    What they do is a verb in the active language ("reports", "повідомляє") that reads after
    "Who".
    """
    citations = list(citations)
    return [
        (STANCE_VERBS[stance], group)
        for stance in STANCE_ORDER
        if (group := [citation for citation in citations if citation.stance == stance])
    ]
