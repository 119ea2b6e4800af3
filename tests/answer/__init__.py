"""Tests of questions, sentence choice, abstention and verification."""
