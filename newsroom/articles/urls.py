from django.urls import path

from newsroom.caching import public_page

from . import views

app_name = "articles"

# Wrapped here, not on the classes: a staff preview subclass must never be cached.
urlpatterns = [
    path("", public_page(views.ArticleListView.as_view(), reads=["page"]), name="article_list"),
    path("<slug:slug>/", public_page(views.ArticleDetailView.as_view()), name="article_detail"),
]
