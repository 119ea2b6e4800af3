"""Thin adapters that carry questions to the core and answers back."""
