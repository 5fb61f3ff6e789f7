"""Checks on finished PDFs: nothing lost (verify)."""
