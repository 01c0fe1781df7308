"""The only upload handler of the site: files stay in memory, up to ``ECLAIRE_UPLOAD_MAX_BYTES``.

Django's default handlers write a large upload to a temporary file; this one never does. The
limit holds for all the files of a request together (a form may carry many file fields): a file
that would go over it is dropped while it arrives (the rest of the request is read and
discarded) and the view tells the person the limit.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest


class MemoryOnlyUploadHandler(FileUploadHandler):
    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = int(settings.ECLAIRE_UPLOAD_MAX_BYTES)
        self.too_large: list[str] = []
        """Names of the files dropped for being over the limit."""
        self.buffer = BytesIO()
        self.received = 0
        """Bytes kept in memory for this request, over all its files."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.received + len(raw_data) > self.limit:
            self.too_large.append(self.file_name or "")
            self.received -= self.buffer.tell()
            self.buffer = BytesIO()
            raise SkipFile()
        self.received += len(raw_data)
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def dropped_for_size(request: HttpRequest) -> bool:
    """Whether a file of this request was over the limit (and so is missing from ``FILES``)."""
    return any(getattr(h, "too_large", None) for h in request.upload_handlers)
