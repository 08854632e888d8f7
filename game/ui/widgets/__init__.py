"""Reusable widgets of the game screens."""
