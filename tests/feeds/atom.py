"""Checking an Atom document against RFC 4287: our RELAX NG grammar (atom.rng), then the rules
a grammar cannot state."""

import functools
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

SCHEMA = Path(__file__).with_name("atom.rng")
ATOM = "{http://www.w3.org/2005/Atom}"


@functools.cache
def grammar():
    return etree.RelaxNG(etree.parse(SCHEMA))


def atom_problems(document):
    """Every way ``document`` (bytes) breaks RFC 4287, as readable lines; [] when it is valid."""
    root = etree.fromstring(document)
    schema = grammar()
    if not schema.validate(root):
        return [f"line {error.line}: {error.message}" for error in schema.error_log]
    return [*_id_problems(root), *_link_problems(root)]


def _id_problems(root):
    # 4.2.6: an id is a permanent, universally unique IRI, so never a relative one.
    return [
        f"line {element.sourceline}: the id “{element.text}” is not an absolute IRI"
        for element in root.iter(f"{ATOM}id")
        if not urlsplit(element.text.strip()).scheme
    ]


def _link_problems(root):
    problems = []
    for holder in [root, *root.iter(f"{ATOM}entry", f"{ATOM}source")]:
        alternates = Counter(
            (link.get("type"), link.get("hreflang"))
            for link in holder.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        )
        # 4.1.1 and 4.1.2: one alternate link per media type and language.
        problems += [
            f"line {holder.sourceline}: {count} alternate links of type {kind} in {language}"
            for (kind, language), count in alternates.items()
            if count > 1
        ]
        if holder.tag != f"{ATOM}entry":
            continue
        content = holder.find(f"{ATOM}content")
        # 4.1.2: an entry without content links to it; one whose content is elsewhere sums it up.
        if content is None and not alternates:
            problems.append(f"line {holder.sourceline}: an entry with no content and no link")
        if content is not None and content.get("src") and holder.find(f"{ATOM}summary") is None:
            problems.append(
                f"line {holder.sourceline}: an entry with remote content needs a summary"
            )
    return problems
