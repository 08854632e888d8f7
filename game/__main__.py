"""`python -m game` does what `crisis` does."""

import sys

from game.cli import main

sys.exit(main())
