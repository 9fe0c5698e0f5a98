from django.core.management.base import BaseCommand
from django.db import transaction

from ... import models as m
from ....services import segment
from ....services.store import index_documents, recount_units


class Command(BaseCommand):
    help = "Rebuild the search index and the task counts (after the unit dictionary grew, or a database restore)."

    def handle(self, *args, **opts):
        segment.forget_vocabulary()
        segment.load_vocabulary()
        ids = list(m.Document.objects.values_list("pk", flat=True))
        total = 0
        for i in range(0, len(ids), 500):
            with transaction.atomic():
                total += index_documents(ids[i:i + 500])
        with transaction.atomic():
            recount_units()
        self.stdout.write(f"indexed {total} records of {len(ids)} documents; unit and document task counts recomputed")
