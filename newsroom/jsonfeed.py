"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as one more format of Django's feed framework.

A ``Feed`` class fills any ``SyndicationFeed`` the same way, so writing JSON Feed as a feed
generator lets one feed definition serve Atom, RSS and JSON alike.
"""

import json

from django.utils.feedgenerator import SyndicationFeed

VERSION = "https://jsonfeed.org/version/1.1"


class JSONFeed(SyndicationFeed):
    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.document(), ensure_ascii=False, indent=2).encode(encoding))

    def document(self):
        feed = self.feed
        document = {
            "version": VERSION,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
            "items": [self.item(item) for item in self.items],
        }
        if feed["author_name"]:
            document["authors"] = [{"name": feed["author_name"]}]
        return _without_empty(document)

    def item(self, item):
        """One item; ``summary`` and ``authors`` (a list of names) may come as extra keywords."""
        names = item.get("authors") or ([item["author_name"]] if item["author_name"] else [])
        return _without_empty(
            {
                "id": item["unique_id"] or item["link"],
                "url": item["link"],
                "title": item["title"],
                "content_html": item["description"],
                "summary": item.get("summary"),
                "date_published": item["pubdate"] and item["pubdate"].isoformat(),
                "date_modified": item["updateddate"] and item["updateddate"].isoformat(),
                "tags": list(item["categories"] or ()),
                "authors": [{"name": name} for name in names],
            }
        )


def _without_empty(values):
    # The format leaves out what is unknown rather than giving it as null or [].
    return {key: value for key, value in values.items() if value not in (None, "", [])}
