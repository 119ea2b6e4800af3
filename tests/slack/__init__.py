"""Wire and unit tests of the Slack adapter."""
