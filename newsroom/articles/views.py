import re

import markdown
import nh3
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView

from newsroom import structured_data
from newsroom.languages import content_language
from newsroom.pagination import page_of
from newsroom.sources.attribution import join_names
from newsroom.translations.overlay import localize, with_translations
from newsroom.withdrawn import GoneWhenWithdrawn
from timeline.dates import zone_label
from timeline.models import Event

from .models import Article
from .renditions import responsive_image

ARTICLES_PER_PAGE = 20

# What an article body may contain once rendered: text structure and links, nothing that runs,
# loads from elsewhere (images would break the site's content policy) or restyles the page.
BODY_TAGS = {
    *("p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li"),
    *("a", "em", "strong", "b", "i", "q", "cite", "abbr", "code", "pre", "sub", "sup"),
    *("del", "ins", "table", "caption", "thead", "tbody", "tr", "th", "td"),
}
BODY_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def render_body(text):
    """Markdown (or HTML) from the desk, as safe HTML for the page.

    The page's headline is its only h1, so the body's headings move one level down.
    """
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    html = HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", html)
    # Safe to mark: nh3 has just removed everything that could run or load.
    return mark_safe(
        nh3.clean(
            html,
            tags=BODY_TAGS,
            attributes=BODY_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener nofollow",
        )
    )


def with_bylines(articles):
    # Names only: a public page has no business loading the rest of a staff account.
    people = (
        get_user_model()
        .objects.only("first_name", "last_name")
        .order_by("last_name", "first_name", "pk")
    )
    return articles.prefetch_related(Prefetch("bylines", queryset=people))


def for_readers(articles):
    """Give each article (with bylines prefetched) what every page shows above its text.

    ``byline``: "Alex Doe and Sam Roe" (``byline_names`` lists them), full names only: a login
    name is never shown to the public, so someone without a full name is left out.
    """
    articles = localize(articles)
    for article in articles:
        names = [name for user in article.bylines.all() if (name := user.get_full_name())]
        article.byline_names = names
        article.byline = join_names(names) if names else ""
    return articles


class ArticleListView(ListView):
    """Published articles, newest first."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = ARTICLES_PER_PAGE

    def get_queryset(self):
        return with_bylines(with_translations(Article.objects.published()))

    def get_context_data(self, **kwargs):
        page_meta = structured_data.collection_page(
            self.request,
            title=gettext("Articles"),
            description=gettext("Our reporting on the story, newest first."),
            trail=[(gettext("Articles"), self.request.path)],
            keep=["page"],
        )
        return super().get_context_data(page_meta=page_meta, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        page = page_of(self.request, queryset, page_size)
        page.object_list = for_readers(page.object_list)
        return page.paginator, page, page.object_list, page.has_other_pages()


class ArticleDetailView(GoneWhenWithdrawn, DetailView):
    """One published article. A staff preview subclasses this and changes only the queryset,
    so everything else on the page is read from published rows only."""

    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return with_bylines(with_translations(Article.objects.published()))

    def get_context_data(self, **kwargs):
        [article] = for_readers([self.object])
        events = (
            Event.objects.published()
            .filter(article_links__article=article)
            .order_by("article_links__position", "article_links__pk")
            .with_related(content_language())
        )
        events = localize(events)
        corrections = list(with_translations(article.corrections.public()))
        localize(corrections)
        # "Updated" is the newest correction: the public record of a material change. An edit
        # that needs no correction (a typo, a caption) does not make an article "updated".
        updated_at = article.updated_time(corrections)
        if updated_at == article.published_time:
            updated_at = None
        lead_image = responsive_image(article)
        return super().get_context_data(
            body=render_body(article.body),
            lead_image=lead_image,
            events=events,
            corrections=corrections,
            updated_at=updated_at,
            page_meta=structured_data.article_page(
                self.request,
                article,
                lead_image=lead_image,
                corrections=corrections,
                updated_at=updated_at,
            ),
            time_zone=zone_label(timezone.get_current_timezone_name()),
            **kwargs,
        )
