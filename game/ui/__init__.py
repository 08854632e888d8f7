"""The Textual game: the only layer that imports Textual."""
