"""The policies' names, known without importing the AI (the new-game screen and `crisis play` list them
before the first screen; the AI itself is imported when the opponent first moves)."""

POLICY_NAMES = ("historical", "random", "hawk", "dove", "pragmatist")
"""Every key of `game.ai.policies.POLICIES`, in its order (a test keeps the two the same)."""
