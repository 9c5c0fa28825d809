"""Errors of the application layer.

    RapportError
    ├── UsageError                 misuse: bad request or configuration; the caller can fix it (HTTP 4xx)
    │   ├── InvalidQuestion        empty or oversized question
    │   ├── UnknownClient          no such client
    │   ├── UnknownSession         no such session for this caller
    │   └── OutOfScope             the client exists but the caller may not see it
    │       └── SyntheticClientsOnly   training touches synthetic clients only; this one is real
    └── ServiceError               runtime failure; retrying later may work (HTTP 5xx)
        ├── ModelUnavailable       the chat model timed out, refused or is down (or its circuit breaker is open)
        ├── StorageUnavailable     the database or the vector store cannot be reached
        └── PrivacyRefusal         the egress gate refused the outbound call (fail closed)
"""

from __future__ import annotations

from knowledge.errors import StoreError


class RapportError(Exception):
    """Root of every error Rapport raises on purpose."""

    status_code = 500


class UsageError(RapportError):
    """The caller can fix this."""

    status_code = 400


class InvalidQuestion(UsageError):
    """The question is empty or too long."""

    status_code = 422


class UnknownClient(UsageError):
    """No client with that id."""

    status_code = 404


class UnknownSession(UsageError):
    """No session with that id belongs to the caller."""

    status_code = 404


class OutOfScope(UsageError):
    """The caller may not see this client."""

    status_code = 403


class SyntheticClientsOnly(OutOfScope):
    """Training mode works on synthetic clients only; the requested client is a real one."""


class ServiceError(RapportError):
    """A runtime failure; the question was kept."""

    status_code = 503

    def __init__(self, message: str = "", *, retry_after_s: int | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s  # when known (an open circuit breaker), sent as Retry-After


class ModelUnavailable(ServiceError):
    """The chat model did not answer in time or at all."""


class StorageUnavailable(ServiceError):
    """The database or the vector store cannot be reached; nothing the failed call was writing is half-stored."""

    @classmethod
    def of(cls, exc: Exception) -> StorageUnavailable:
        """The error for a driver's or store's failure, naming the part but none of the failure's details."""
        part = "the document index (vector store)" if isinstance(exc, StoreError) else "the database"
        return cls(f"{part} cannot be reached right now ({exc.__class__.__name__}); try again shortly")


class PrivacyRefusal(ServiceError):
    """The egress gate refused to send a payload that still identified a client."""

    status_code = 422


class ConfigurationError(RapportError):
    """A setting points at something missing or unusable; Rapport does not start half-configured."""

    status_code = 500
