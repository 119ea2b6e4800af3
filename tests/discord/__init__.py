"""Wire and unit tests of the Discord adapter."""
