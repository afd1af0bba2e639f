import pytest

from .helpers import make_story


@pytest.fixture
def story():
    """Events at every precision, with the awkward values an export has to carry intact."""
    return make_story()
