"""Tests that pin behaviour mutation testing found unchecked in the dates rules (issue 16)."""
