"""Reading a feed back as a feed reader does: feedparser for Atom and RSS, JSON for JSON Feed."""

import datetime
import html
import json
import re
from dataclasses import dataclass, field

import feedparser

FORMATS = ["atom", "rss", "json"]
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass
class Entry:
    title: str
    link: str
    published: datetime.datetime
    updated: datetime.datetime
    html: str  # the item's text as the feed gives it
    tags: list = field(default_factory=list)
    authors: list = field(default_factory=list)

    @property
    def text(self):
        """The words a reader sees, tags dropped and entities decoded."""
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", self.html)).split())


def read_feed(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    if path.endswith(".json"):
        assert response["Content-Type"].startswith("application/feed+json")
        return [_json_entry(item) for item in _json_document(response)["items"]]
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return [_parsed_entry(entry) for entry in parsed.entries]


def _json_document(response):
    document = json.loads(response.content)
    assert document["version"] == JSON_FEED_VERSION
    assert document["title"] and document["feed_url"] and document["home_page_url"]
    for item in document["items"]:
        assert item["id"] and (item.get("content_html") or item.get("content_text")), item
    return document


def _json_entry(item):
    return Entry(
        title=item["title"],
        link=item["url"],
        published=datetime.datetime.fromisoformat(item["date_published"]),
        updated=datetime.datetime.fromisoformat(item["date_modified"]),
        html=item["content_html"],
        tags=item.get("tags", []),
        authors=[author["name"] for author in item.get("authors", [])],
    )


def _parsed_entry(entry):
    return Entry(
        title=entry.title,
        link=entry.link,
        published=_moment(entry.published_parsed),
        updated=_moment(entry.updated_parsed),
        html=entry.summary,
        tags=[tag.term for tag in entry.get("tags", [])],
        authors=[entry.author] if entry.get("author") else [],
    )


def _moment(parsed):
    return datetime.datetime(*parsed[:6], tzinfo=datetime.UTC)
