from django import forms

from newsroom.images import clean_image_field

from .models import Article
from .renditions import delete_renditions, make_renditions


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What was stored before this save, so its renditions can go when it is replaced.
        instance = self.instance
        self._previous_image = (
            (instance.lead_image.name, instance.lead_image_width, instance.lead_image_height)
            if instance.lead_image and instance.lead_image_width
            else None
        )

    def clean_lead_image(self):
        return clean_image_field(self.cleaned_data.get("lead_image"))

    def save(self, commit=True):
        article = super().save(commit=commit)
        if "lead_image" not in self.changed_data:
            return article
        if commit:
            self._update_renditions()
        else:
            # The admin saves the article itself, then calls save_m2m(): the new image is
            # stored by then, so its renditions are made there.
            save_m2m = self.save_m2m

            def save_m2m_and_renditions():
                save_m2m()
                self._update_renditions()

            self.save_m2m = save_m2m_and_renditions
        return article

    def _update_renditions(self):
        if self._previous_image and self._previous_image[0] != self.instance.lead_image.name:
            delete_renditions(self.instance.lead_image.storage, *self._previous_image)
        if self.instance.lead_image:
            make_renditions(self.instance)
