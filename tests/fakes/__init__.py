"""Loopback fakes at the network edge (Slack, Discord, OpenAI) and recording fakes of the core."""
