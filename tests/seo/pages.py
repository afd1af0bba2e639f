"""Reading a page's head as a crawler does: its JSON-LD, canonical link and social tags."""

import json
from html.parser import HTMLParser

from pyld import jsonld

# The one remote context the pages name, answered offline: every term is a schema.org term.
SCHEMA_CONTEXT = {"@context": {"@vocab": "https://schema.org/"}}


def offline_loader(url, options=None):
    assert url.rstrip("/") in {"https://schema.org", "http://schema.org"}, url
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


class HeadReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.links, self.meta = [], {}, {}
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.scripts.append("")
        elif tag == "link" and "rel" in attrs:
            self.links[attrs["rel"]] = attrs.get("href")
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")

    def handle_data(self, data):
        if self._in_ld:
            self.scripts[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False


def read_head(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


def structured_data(client, path):
    """{schema.org type: node} of the page's one JSON-LD block, after checking that it expands
    as JSON-LD into schema.org terms."""
    [script] = read_head(client, path).scripts
    document = json.loads(script)
    expanded = jsonld.expand(document, {"documentLoader": offline_loader})
    types = {t for node in expanded for t in node.get("@type", [])}
    assert types and all(t.startswith("https://schema.org/") for t in types), types
    return {node["@type"]: node for node in document["@graph"]}


def breadcrumb_names(data):
    return [item["name"] for item in data["BreadcrumbList"]["itemListElement"]]
