"""Regression tests for what a hostile user, a bad document or an unlucky operator can cause."""
