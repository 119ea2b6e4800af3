"""Faults a hostile document, request or unlucky operator can cause, reproduced and fixed."""
