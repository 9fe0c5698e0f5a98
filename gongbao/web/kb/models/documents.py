from django.db import models
from django.urls import reverse

from .base import SourceFile, SourceSpan


class Document(SourceSpan):
    """One official document (公文). Its natural key is issuer + 发文字号, or
    issuer + title + 成文日期 when it has no number; a changed source updates
    the row with the same key in place (its id and URL stay)."""
    source_file = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="documents")
    natural_key = models.CharField(max_length=600, unique=True)
    doc_number = models.CharField(max_length=200, blank=True, default="")
    number_norm = models.CharField(max_length=200, blank=True, default="", db_index=True)
    issuer = models.CharField(max_length=300, blank=True, default="", db_index=True)
    title = models.TextField()
    doc_type = models.CharField(max_length=20, blank=True, default="", db_index=True)
    signed_date = models.DateField(null=True, blank=True, db_index=True)
    year = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    publication = models.CharField(max_length=200, blank=True, default="")
    addressees = models.JSONField(default=list)
    contact_unit = models.CharField(max_length=300, blank=True, default="")
    contact_phone = models.CharField(max_length=100, blank=True, default="")
    contact_line_start = models.PositiveIntegerField(null=True, blank=True)
    contact_line_end = models.PositiveIntegerField(null=True, blank=True)
    body = models.TextField(blank=True, default="")
    signer = models.CharField(max_length=100, blank=True, default="")
    cc = models.JSONField(default=list)
    printed_by = models.CharField(max_length=300, blank=True, default="")
    printed_date = models.CharField(max_length=40, blank=True, default="")
    # the printed source lines of the document (and of its 咨询与解读 box when
    # printed elsewhere): [[line number, text], ...]
    raw_lines = models.JSONField(default=list)
    n_tasks = models.IntegerField(default=0)      # kept by the store
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signed_date", "-id"]
        indexes = [models.Index(fields=["source_file", "order"])]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}".strip()

    @property
    def ref(self) -> str:
        return self.doc_number or self.title

    def get_absolute_url(self) -> str:
        return reverse("kb:document", args=[self.pk])


class Attachment(models.Model):
    """A 附件说明 entry: the attachment's title as printed."""
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    order = models.PositiveIntegerField(default=0)
    name = models.TextField()

    class Meta:
        ordering = ["document", "order"]


class Citation(models.Model):
    """A 发文字号 cited in a document's text; `target` is the cited document
    when the knowledge base holds it (resolved again after every ingest)."""
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    order = models.PositiveIntegerField(default=0)
    cited_number = models.CharField(max_length=200)
    number_norm = models.CharField(max_length=200, db_index=True)
    target = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="cited_by")

    class Meta:
        ordering = ["document", "order"]
