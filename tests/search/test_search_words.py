"""Ukrainian query words cut to the stem their inflected forms share."""

import pytest

from timeline.search_words import prefix_query, ukrainian_stem


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (["Курська", "Курської", "Курській", "Курську", "Курською"], "курськ"),
        (["Суджа", "Суджі", "Суджу", "Суджею"], "судж"),
        (["наступ", "наступу", "наступом", "наступі"], "наступ"),
        (["переговори", "переговорів", "переговорами", "переговорах"], "переговор"),
        (["електростанція", "електростанції", "електростанцію"], "електростанці"),
    ],
)
def test_the_forms_of_a_word_share_one_stem(forms, stem):
    assert {ukrainian_stem(form) for form in forms} == {stem}


def test_a_short_word_is_kept_whole():
    assert ukrainian_stem("Дія") == "дія"
    assert ukrainian_stem("ЗСУ") == "зсу"


def test_the_query_asks_for_every_word_by_its_stem_as_a_prefix():
    assert prefix_query("Курської області") == "курськ:* & област:*"
    assert prefix_query("Суджа Суджі") == "судж:*"


@pytest.mark.parametrize("text", ["", "   ", "!!! & | ( ) :* '", "_"])
def test_nothing_but_letters_and_digits_reaches_the_query(text):
    assert prefix_query(text) == ""


def test_query_syntax_typed_by_a_reader_is_dropped():
    assert prefix_query("наступ & !(Суджа) | 'x':*") == "наступ:* & судж:* & x:*"
