"""Tests of reading and cleaning documents."""
