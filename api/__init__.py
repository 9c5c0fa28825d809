"""Delivery: the FastAPI app, the web console and the `rapport` CLI."""
