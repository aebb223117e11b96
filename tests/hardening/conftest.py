from tests.initiatives.conftest import classifications  # noqa: F401 – welfare areas and techniques for initiatives
