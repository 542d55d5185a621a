"""One plural rule for every count traintool writes (the status bar, the undo steps)."""
import pytest

from traintool.plural import counted, plural


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
