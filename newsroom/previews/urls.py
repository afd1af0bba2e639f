from django.urls import path

from . import views

app_name = "previews"

# The admin links here as {% url 'previews:item' opts.label_lower original.pk %} and
# {% url 'previews:links' opts.label_lower original.pk %}: keep the names and argument order.
urlpatterns = [
    # First: "s" would otherwise read as a model label.
    path("s/<str:token>/", views.shared, name="shared"),
    path("links/<int:link_id>/revoke/", views.revoke_link, name="revoke"),
    path("<str:label>/<int:pk>/", views.item_preview, name="item"),
    path("<str:label>/<int:pk>/links/", views.item_links, name="links"),
]
