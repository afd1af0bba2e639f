from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    # Not wrapped in newsroom.caching.public_page: the form sets a CSRF cookie, and no page
    # here may be kept by a shared cache.
    path("", views.submit, name="submit"),
    path("receipt/<str:token>/", views.receipt, name="receipt"),
]
