"""Offline evaluation harness: retrieval, PII and more; imports assistant, nothing imports it."""
