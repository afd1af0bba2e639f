from django.utils import translation

from newsroom.languages import content_language


def test_each_interface_language_reads_its_content_language():
    assert content_language("en-gb") == "en"
    assert content_language("uk") == "uk"
    assert content_language("ru") == "ru"


def test_an_unknown_language_reads_the_original():
    assert content_language("de") == "en"


def test_the_active_language_is_the_default():
    with translation.override("ru"):
        assert content_language() == "ru"
    with translation.override("en-gb"):
        assert content_language() == "en"
