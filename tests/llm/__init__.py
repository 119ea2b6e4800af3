"""Tests of the optional LLM answer mode against a loopback OpenAI-compatible fake."""
