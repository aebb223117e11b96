import pytest

from kraft.initiatives.reference import ensure_classifications


@pytest.fixture(autouse=True)
def classifications(request: pytest.FixtureRequest) -> None:
    """Browser tests flush the database; put the seeded welfare areas and techniques back for tests that use data."""
    if "roles" in request.fixturenames:
        if "page" in request.fixturenames:
            request.getfixturevalue("page")  # reloads the reference data first
        request.getfixturevalue("roles")
        ensure_classifications()
