from django import forms
from django.core.files.uploadedfile import UploadedFile

from newsroom.images import clean_image

from .models import Article


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "bylines",
            "lead_image",
            "lead_image_alt",
            "lead_image_caption",
            "lead_image_credit",
            "status",
            "publish_at",
        ]

    def clean_lead_image(self):
        image = self.cleaned_data.get("lead_image")
        # Only a new upload is hostile; an image already stored was cleaned when it arrived.
        if isinstance(image, UploadedFile):
            return clean_image(image)
        return image
