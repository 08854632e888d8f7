"""The game's own themes: a Cold War night, and a high-contrast one for projectors."""

from __future__ import annotations

from textual.theme import Theme

CRISIS = Theme(
    name="crisis",
    primary="#C9A227",
    secondary="#7A8FA6",
    accent="#E0B84A",
    warning="#F2A541",
    error="#E5484D",
    success="#5FB37A",
    foreground="#E6E1D3",
    background="#11151C",
    surface="#1A2029",
    panel="#232B36",
    dark=True,
)

PROJECTOR = Theme(
    name="projector",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFB000",
    error="#FF4040",
    success="#00FF60",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    dark=True,
    text_alpha=1.0,
    luminosity_spread=0.3,
)

PAPER = Theme(
    name="paper",
    primary="#6B4E16",
    secondary="#3D5A80",
    accent="#8A1C1C",
    warning="#A65E00",
    error="#B00020",
    success="#2E6B30",
    foreground="#1E1B16",
    background="#F4EFE1",
    surface="#EAE3D0",
    panel="#DDD4BC",
    dark=False,
)

THEMES = (CRISIS, PROJECTOR, PAPER)
