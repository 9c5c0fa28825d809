"""Prometheus metrics of one app: requests by route and status, their latency. A registry per app, not global."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest


@dataclass
class Metrics:
    """The app's collectors."""

    registry: CollectorRegistry
    requests: Counter
    latency: Histogram


def make_metrics() -> Metrics:
    """Fresh collectors in their own registry."""
    registry = CollectorRegistry()
    requests = Counter("rapport_http_requests", "HTTP requests", ["method", "route", "status"], registry=registry)
    latency = Histogram("rapport_http_request_seconds", "HTTP request latency", ["method", "route"],
                        registry=registry, buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
    return Metrics(registry, requests, latency)


def render(metrics: Metrics) -> tuple[bytes, str]:
    """The text exposition format."""
    return generate_latest(metrics.registry), CONTENT_TYPE_LATEST
