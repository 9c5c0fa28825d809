"""Offline evaluation harness: retrieval, answers, pii, leakage, injection, access; nothing imports it."""
