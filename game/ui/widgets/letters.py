"""PLACEHOLDER for the letters panel: received and sent letters, and the composer (issue 4, part 3).

The negotiation engine (letters, terms, channels) is being built separately. When it lands, this
module gets a `LettersPanel` showing the letters a side has received and sent (from `Game.view(side)`
only, so secret letters stay secret), and `game/ui/screens/` gets the composer. The game screen marks
the slot where the panel goes (search for "LETTERS SLOT" in game/ui/screens/game.py), and the
`l` binding there stays hidden until then. Nothing here pretends to send or show a letter.
"""

from __future__ import annotations

LETTERS_AVAILABLE = False
"""Flip when the negotiation engine provides letters in the side's view."""
