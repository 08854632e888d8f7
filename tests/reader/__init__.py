"""The reader's labelled letters and how its readings are scored."""
