"""Games read beside history and played forward: `history` (what really happened at each turn),
`explore` (what-ifs played forward by the AI), `report` (the debrief). No files are read or written
here; `game.persistence` does that."""
