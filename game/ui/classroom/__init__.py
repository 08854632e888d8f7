"""The classroom screens: the facilitator's console and the projector (`crisis class console|projector`)."""
