"""The welfare areas and AI techniques of the registry. Staff edit them later; this only seeds them."""

from django.db import migrations


def seed(apps, schema_editor):
    from kraft.initiatives.reference import ensure_classifications

    ensure_classifications(apps)


def unseed(apps, schema_editor):
    """Leave staff-edited data in place when migrating backwards."""


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
