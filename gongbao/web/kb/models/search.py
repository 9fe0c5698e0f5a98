from django.db import models

from .documents import Document
from .tasks import Task


class SearchEntry(models.Model):
    """One searchable record (a document or a task): its text segmented into
    words by jieba (space-separated) and the fields search results are
    faceted on. SQLite indexes it in the FTS5 table `kb_search_fts`
    (external content, kept in sync by triggers); PostgreSQL in a generated
    tsvector column `tsv` with a GIN index (see migrations 0002 and 0003)."""
    KINDS = [("document", "文件"), ("task", "任务")]
    # no index on kind: two values, and an index would steer the substring search off its newest-first scan
    kind = models.CharField(max_length=10, choices=KINDS)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    task = models.OneToOneField(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    title_seg = models.TextField(blank=True, default="")
    body_seg = models.TextField(blank=True, default="")
    issuer = models.CharField(max_length=300, blank=True, default="", db_index=True)
    doc_type = models.CharField(max_length=20, blank=True, default="", db_index=True)
    year = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    # the words naming its facet values (services.segment.facet_words), indexed too (migration 0003)
    tags = models.TextField(blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document"], condition=models.Q(kind="document"),
                                               name="kb_searchentry_one_per_document")]
