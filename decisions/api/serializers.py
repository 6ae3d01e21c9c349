from rest_framework import serializers

from decisions.models import Body
from portal.api.fields import TranslatedField


class BodySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:body-detail")
    name = TranslatedField()
    description = TranslatedField()

    class Meta:
        model = Body
        fields = ("id", "url", "modified", "kind", "slug", "name", "description")
        read_only_fields = fields
