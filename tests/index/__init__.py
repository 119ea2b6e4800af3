"""Tests of the index step: Korean morphology, chunks and the alias table."""
