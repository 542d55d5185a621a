"""One plural rule for every count traintool writes (the status bar, the undo steps)."""
import pytest

from traintool.text import counted, plural, position_runs


@pytest.mark.parametrize("word, many", [("car", "cars"), ("coach", "coaches"), ("armored coach", "armored coaches"),
                                        ("box car", "box cars"), ("bus", "buses"), ("flash", "flashes"),
                                        ("box", "boxes"), ("locomotive", "locomotives")])
def test_one_is_singular_and_every_other_number_plural(word, many):
    assert plural(word, 1) == word
    assert plural(word, 0) == plural(word, 2) == plural(word, 100_000) == many


def test_counted_groups_thousands():
    assert counted(1, "coach") == "1 coach"
    assert counted(3, "coach") == "3 coaches"
    assert counted(100_000, "car") == "100,000 cars"


def test_facility_takes_ies_but_a_vowel_before_y_keeps_it():
    assert plural("facility", 2) == "facilities" and plural("day", 2) == "days"


@pytest.mark.parametrize("indices, text", [([5], "6"), ([5, 6, 7], "6-8"), ([0, 2, 3, 9], "1, 3-4 and 10"),
                                           ([7, 5, 6, 5], "6-8"), (list(range(0, 40, 2)), "1, 3, 5, 7, 9 and 15 more runs")])
def test_positions_read_as_runs(indices, text):
    assert position_runs(indices) == text
