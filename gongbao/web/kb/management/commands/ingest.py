from django.core.management.base import BaseCommand, CommandError

from ....services.ingest import format_summary, ingest_paths


class Command(BaseCommand):
    help = "Extract gazette files and store them in the knowledge base (idempotent, one transaction per file)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--force", action="store_true", help="store again even when the bytes are unchanged")

    def handle(self, *args, **opts):
        summary = ingest_paths(opts["files"], force=opts["force"])
        self.stdout.write(format_summary(summary))
        if summary["failed"]:
            raise CommandError(f"{len(summary['failed'])} file(s) failed", returncode=2)
