"""Letters in a player's own words read into the structured proposal the engine takes."""

from game.reader.read import Found, Reader, Reading, reader_for

__all__ = ["Found", "Reader", "Reading", "reader_for"]
