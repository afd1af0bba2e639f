"""docs/design.md, rule 2, in each language: who says so, with every name in the nominative."""

import pytest
from django.utils import translation

from newsroom.sources.attribution import attribute, by_stance
from newsroom.sources.models import Citation, Source
from tests.factories import make_citation, make_event, make_party, make_source

pytestmark = pytest.mark.django_db
Stance = Citation.Stance

# For each stance: one source outside the conflict, two of them, and a party's two sources.
LINES = {
    Stance.CONFIRMS: {
        "en": ("Confirmed by AP", "Confirmed by AP and BBC", "Confirmed by Росія"),
        "uk": ("Підтверджує AP", "Підтверджують AP та BBC", "Підтверджує сторона конфлікту Росія"),
        "ru": ("Подтверждает AP", "Подтверждают AP и BBC", "Подтверждает сторона конфликта Росія"),
    },
    Stance.REPORTS: {
        "en": ("Reported by AP", "Reported by AP and BBC", "Reported by Росія"),
        "uk": ("Повідомляє AP", "Повідомляють AP та BBC", "Повідомляє сторона конфлікту Росія"),
        "ru": ("Сообщает AP", "Сообщают AP и BBC", "Сообщает сторона конфликта Росія"),
    },
    Stance.CLAIMS: {
        "en": ("Claimed by AP", "Claimed by AP and BBC", "Claimed by Росія"),
        "uk": ("Стверджує AP", "Стверджують AP та BBC", "Стверджує сторона конфлікту Росія"),
        "ru": ("Утверждает AP", "Утверждают AP и BBC", "Утверждает сторона конфликта Росія"),
    },
    Stance.DENIES: {
        "en": ("Denied by AP", "Denied by AP and BBC", "Denied by Росія"),
        "uk": ("Заперечує AP", "Заперечують AP та BBC", "Заперечує сторона конфлікту Росія"),
        "ru": ("Отрицает AP", "Отрицают AP и BBC", "Отрицает сторона конфликта Росія"),
    },
}
PARTY_NAMES = {
    "en": ", a party to the conflict: ТАСС, РИА and Минобороны",
    "uk": ": ТАСС, РИА та Минобороны",
    "ru": ": ТАСС, РИА и Минобороны",
}


def lines_for(stance, sources):
    event = make_event()
    for source in sources:
        make_citation(event, source, stance=stance)
    return attribute(event.citations.select_related("source__party"))


@pytest.mark.parametrize("language", ["en", "uk", "ru"])
@pytest.mark.parametrize("stance", list(Stance))
def test_every_stance_in_every_language(stance, language):
    one, several, party = LINES[stance][language]
    ap, bbc = make_source(name="AP"), make_source(name="BBC")
    # The party's name as the content translation gives it: in the nominative, as it stands.
    russia = make_party(name="Росія")
    party_sources = [make_source(name=name, party=russia) for name in ("ТАСС", "РИА", "Минобороны")]
    for sources, line in [([ap], one), ([ap, bbc], several), (party_sources, party)]:
        (attribution,) = lines_for(stance, sources)
        if sources is party_sources:
            line += PARTY_NAMES[language]
        assert attribution.text(language) == line
        with translation.override(language):
            assert str(attribution) == line


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en-gb", "Reported by Videos (affiliation unknown)"),
        ("uk", "Повідомляє Videos (належність невідома)"),
        ("ru", "Сообщает Videos (принадлежность неизвестна)"),
    ],
)
def test_an_unknown_affiliation_is_said_in_the_language_the_line_is_read_in(language, line):
    videos = make_source(name="Videos", affiliation=Source.Affiliation.UNKNOWN)
    (attribution,) = lines_for(Stance.REPORTS, [videos])  # gathered in English
    with translation.override(language):
        assert str(attribution) == line


def test_lines_keep_their_order_and_parties_in_every_language():
    event = make_event()
    russia, ukraine = make_party(name="Росія"), make_party(name="Україна")
    make_citation(event, make_source(name="ТАСС", party=russia), stance=Stance.CLAIMS)
    make_citation(event, make_source(name="Генштаб", party=ukraine), stance=Stance.DENIES)
    make_citation(event, make_source(name="AP"), stance=Stance.CONFIRMS)
    with translation.override("uk"):
        assert [
            str(line) for line in attribute(event.citations.select_related("source__party"))
        ] == [
            "Підтверджує AP",
            "Стверджує сторона конфлікту Росія: ТАСС",
            "Заперечує сторона конфлікту Україна: Генштаб",
        ]


@pytest.mark.parametrize(
    ("language", "verbs"),
    [
        ("en-gb", ["confirms", "reports", "claims", "denies"]),
        ("uk", ["підтверджує", "повідомляє", "стверджує", "заперечує"]),
        ("ru", ["подтверждает", "сообщает", "утверждает", "отрицает"]),
    ],
)
def test_by_stance_names_what_each_group_does(language, verbs):
    event = make_event()
    source = make_source()
    for stance in (Stance.DENIES, Stance.CLAIMS, Stance.REPORTS, Stance.CONFIRMS):
        make_citation(event, source, stance=stance)
    with translation.override(language):
        assert [str(verb) for verb, _ in by_stance(event.citations.all())] == verbs
