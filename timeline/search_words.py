"""A reader's words as a PostgreSQL text-search query, in the language they were typed in.

PostgreSQL stems English and Russian itself (the ``english`` and ``russian`` configurations),
but ships no Ukrainian stemmer. For Ukrainian the index keeps the words as written (the
``simple`` configuration, lower-cased), and each word of the query becomes the start of a word:
its ending is cut off and what is left is matched as a prefix. So "Курської" asks for words
starting "курськ", which finds "Курська", "Курській" and "Курськ"; "Суджі" asks for "судж",
which finds "Суджа" and "Суджею".

Cutting is deliberately light: one ending, the longest that leaves a stem of at least
``SHORTEST_STEM`` letters. A word too short to keep a stem is matched whole, as a prefix.
"""

import re

# Text-search configurations by content language (newsroom/languages.py).
CONFIGS = {"en": "english", "ru": "russian", "uk": "simple"}

SHORTEST_STEM = 4

# Endings of Ukrainian nouns, adjectives and verbs, in the cases and persons a search meets.
# Longest first, so "-ами" goes before "-и".
UKRAINIAN_ENDINGS = sorted(
    """
    ами ями ові еві ого ому ими іми ій ої ою ею ам ям ах ях ів їв ей ом ем ий их іх
    а я у ю і ї е є о и ь
    """.split(),
    key=len,
    reverse=True,
)

WORD = re.compile(r"[^\W_]+")  # letters and digits


def ukrainian_stem(word):
    """The start of ``word`` that its inflected forms share, lower-cased."""
    word = word.lower()
    for ending in UKRAINIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
            return word[: -len(ending)]
    return word


def prefix_query(text):
    """A raw tsquery asking for every word of ``text`` by its stem as a prefix ("курськ:* &
    наступ:*"), or "" when ``text`` holds no word. Only letters and digits reach the query, so
    nothing a reader types can change its syntax."""
    stems = [ukrainian_stem(word) for word in WORD.findall(text)]
    return " & ".join(f"{stem}:*" for stem in dict.fromkeys(stems))
