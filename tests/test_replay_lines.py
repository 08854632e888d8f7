"""`crisis replay` of a save with branches names each branch's first moves (it raised a TypeError on
every save that had a branch: the moves are records now, not dicts)."""

from pathlib import Path

from .cli_support import run

SAVE = Path(__file__).parent / "golden" / "save-thirteen-days-hawk.json"


def test_replay_lists_a_branch_with_its_first_moves(capsys):
    code, out, err = run(capsys, "replay", SAVE)
    assert "Traceback" not in err
    branch = next(line for line in out.splitlines() if "b1 'what if'" in line)
    assert "from turn 3 (Kennedy: " in branch and "Khrushchev: " in branch
