"""Blocks validate what editors enter."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.blocks import ImageBlock


@pytest.fixture
def image(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Image.objects.create(title="Rantalan satama", file=get_test_image_file())


def test_image_block__requires_alt_text(image):
    block = ImageBlock()
    value = block.to_python({"image": image.pk, "decorative": False, "alt_text": ""})

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)

    assert "alt_text" in error.value.block_errors


def test_image_block__accepts_alt_text_or_the_decorative_flag(image):
    block = ImageBlock()
    described = block.to_python(
        {"image": image.pk, "decorative": False, "alt_text": "Veneitä Rantalan satamassa"}
    )
    decorative = block.to_python({"image": image.pk, "decorative": True, "alt_text": ""})

    assert block.clean(described).contextual_alt_text == "Veneitä Rantalan satamassa"
    assert block.clean(decorative).decorative is True
