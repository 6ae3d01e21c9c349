"""Import the finance system's export from the command line, as the admin's upload does.

    python manage.py import_finance export.xlsx
    python manage.py import_finance figures.csv --structure structure.csv

Every row is checked first; with any problem nothing is saved, the problems are printed (in
the language of --language) and the command fails.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from finance.importer import MAX_BYTES


class Command(BaseCommand):
    help = "Import the finance system's export (CSV or XLSX); nothing is saved unless all is valid."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export: CSV, or XLSX with sheets figures/structure.")
        parser.add_argument("--structure", help="The budget structure as CSV (optional).")
        parser.add_argument("--language", default="fi", choices=("fi", "sv", "en"))

    def _read(self, name: str) -> bytes:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"No such file: {name}")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"The file is larger than {MAX_BYTES} bytes.")
        return path.read_bytes()

    def handle(self, *args, file: str, structure: str | None, language: str, **options):
        from finance.services import finance_import

        result = finance_import(
            data=self._read(file),
            name=Path(file).name,
            structure=self._read(structure) if structure else None,
        )
        with translation.override(language):
            if not result.ok:
                for error in result.errors:
                    self.stderr.write(str(error))
                raise CommandError(f"{len(result.errors)} problems; nothing was saved.")
            record = result.record
            self.stdout.write(
                f"{record.rows} rows imported ({', '.join(record.periods)}); "
                f"checksum {record.checksum}"
            )
