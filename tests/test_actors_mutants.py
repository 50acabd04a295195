"""Tests that pin behaviour mutation testing found unchecked in the actors rules (issue 16)."""
