from django.core.management.base import BaseCommand

from kraft.organisations.services import load_reference_data


class Command(BaseCommand):
    help = "Läser in län, alla 290 kommuner och 21 regioner (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        counts = load_reference_data()
        self.stdout.write(
            f"  {counts['counties']} län, {counts['municipalities']} kommuner, {counts['regions']} regioner "
            f"({counts['created']} nya)"
        )
