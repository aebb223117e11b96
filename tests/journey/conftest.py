import pytest

from kraft.initiatives.reference import ensure_classifications


@pytest.fixture(autouse=True)
def classifications(request: pytest.FixtureRequest) -> None:
    if "roles" in request.fixturenames:
        if "page" in request.fixturenames:
            request.getfixturevalue("page")
        request.getfixturevalue("roles")
        ensure_classifications()
