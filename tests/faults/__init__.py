"""Fault tests: what a document, a request or a fault must not break."""
