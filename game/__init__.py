"""missile-crisis: negotiate the Cuban Missile Crisis as Kennedy or Khrushchev."""

__version__ = "0.1.0"
