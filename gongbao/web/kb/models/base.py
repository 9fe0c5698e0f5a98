from django.db import models


class SourceFile(models.Model):
    """One ingested input. The same bytes ingested again add nothing."""
    path = models.CharField(max_length=1000, unique=True)
    name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    extractor_version = models.CharField(max_length=40)
    gazette_title = models.CharField(max_length=300, blank=True, default="")
    gazette_issue = models.CharField(max_length=100, blank=True, default="")
    counts = models.JSONField(default=dict)
    ingested_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.name


class SourceSpan(models.Model):
    """Where a record is printed: 1-based source lines (inclusive) and page."""
    line_start = models.PositiveIntegerField(default=0)
    line_end = models.PositiveIntegerField(default=0)
    page = models.PositiveIntegerField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)   # reading order within its parent

    class Meta:
        abstract = True

    @property
    def span(self) -> str:
        if not self.line_start:
            return ""
        if self.line_end and self.line_end != self.line_start:
            return f"{self.line_start}-{self.line_end}"
        return str(self.line_start)
