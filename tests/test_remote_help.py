"""The network desk's help is made from the local help by editing its words (review of session 11:
if help.md's wording changed, the replacements silently stopped working and the network desk's help
named the local game's keys)."""

import pytest

from game.ui.remote_help import EDITS, KEPT, general
from game.ui.screens.help import HELP


def test_the_network_help_says_the_network_desks_keys():
    words = general()
    assert "Press **w** to **write**" in words and "Press **l**" not in words
    assert "two players at one keyboard" not in words and "badge" not in words
    assert all(f"## {title}" in words for title in KEPT) and "## Keys" in words


@pytest.mark.parametrize("old", [old for old, _ in EDITS])
def test_a_rewording_of_help_md_that_an_edit_no_longer_finds_fails_loudly(old):
    reworded = HELP.read_text(encoding="utf-8").replace(old, old.upper())
    with pytest.raises(ValueError, match="no longer says"):
        general(reworded)


def test_a_section_renamed_in_help_md_fails_loudly():
    renamed = HELP.read_text(encoding="utf-8").replace(f"## {KEPT[0]}", "## How to come out ahead")
    with pytest.raises(ValueError, match="no longer has"):
        general(renamed)
