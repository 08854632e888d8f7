"""Lines for an 80-column terminal (play-test 7, G23): wrapped between words, never inside a file name,
a command kept whole on a line of its own."""

from game.fold import fold

SAVE = "/tmp/data/saves/cuban-missile-crisis-seed51011-copy.json"


def test_prose_wraps_between_words_and_a_file_name_stays_whole():
    text = f"crisis: playing on in {SAVE}; /tmp/data/saves/cuban-missile-crisis-seed51011.json is left"
    lines = fold(text, 60).splitlines()
    assert all(len(line) <= 60 for line in lines) and lines[1].strip() == f"{SAVE};"
    assert " ".join(line.strip() for line in lines) == text


def test_a_command_is_never_cut_and_a_word_like_it_inside_a_path_is_not_one():
    text = (
        f"Saved to {SAVE}\nResume with: make play, then c (Continue)\n         or: crisis play --load {SAVE}"
    )
    lines = fold(text, 80, commands=("crisis", "make play")).splitlines()
    assert lines[:2] == [f"Saved to {SAVE}", "Resume with: make play, then c (Continue)"]
    assert lines[2:] == ["         or:", f"           crisis play --load {SAVE}"]
    assert (
        fold(f"in {SAVE} " * 3, 80, commands=("crisis",)).count("\n") == 2
    )  # "crisis" in a path: no command


def test_output_to_no_terminal_is_left_as_it_is():
    text = "x " * 100
    assert fold(text) == text  # pytest's output is no terminal
