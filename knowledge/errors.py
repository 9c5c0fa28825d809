"""Errors of the knowledge layer.

    KnowledgeError
    ├── DocumentError          one document could not be read or parsed (ingestion reports it and goes on)
    │   └── UnsupportedFormat  a file type there is no loader for
    └── StoreError             the vector store or catalog is unavailable
"""

from __future__ import annotations


class KnowledgeError(Exception):
    """Root of the knowledge layer's errors."""


class DocumentError(KnowledgeError):
    """A document could not be loaded."""


class UnsupportedFormat(DocumentError):
    """No loader for this file type."""


class StoreError(KnowledgeError):
    """The vector store or the catalog failed."""
