from django.urls import path

app_name = "previews"

urlpatterns: list = []
