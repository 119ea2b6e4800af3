"""Tests of the `policybot` command line."""
