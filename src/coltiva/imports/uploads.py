"""Uploads bounded by bytes: a file is kept up to the import limit and one byte more,
and the rest of it only counted, so an endless upload fills neither memory nor disk and
the form still refuses it by its real size."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler

from coltiva.imports import conf


class BoundedUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.keep = conf.max_bytes() + 1

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        room = self.keep - self.received
        if room > 0:
            self.file.write(raw_data[:room])
        self.received += len(raw_data)
        return None

    def file_complete(self, file_size: int) -> UploadedFile:
        self.file.seek(0)
        self.file.size = self.received
        return self.file
