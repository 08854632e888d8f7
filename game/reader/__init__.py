"""Letters in a player's own words read into the structured proposal the engine takes."""

from game.reader.read import Reader, reader_for
from game.reader.reading import Found, Reading

__all__ = ["Found", "Reader", "Reading", "reader_for"]
