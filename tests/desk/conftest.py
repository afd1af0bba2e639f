import pytest

from tests.factories import make_user


@pytest.fixture
def reporter():
    return make_user("reporter", group="reporter", first_name="Rita", last_name="Reporter")


@pytest.fixture
def editor():
    return make_user("editor", group="editor", first_name="Ed", last_name="Itor")


@pytest.fixture
def second_editor():
    return make_user("editor2", group="editor", first_name="Olena", last_name="Second")


@pytest.fixture
def moderator():
    return make_user("moderator", group="moderator")
