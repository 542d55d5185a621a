"""Laying the train out again after an edit, from the old placement, gives what laying it out afresh gives."""
from hypothesis import given, settings
from hypothesis import strategies as st

from traintool.ui.train_layout import place, replace_lengths

LENGTHS = st.lists(st.sampled_from([8.0, 14.5, 20.0, 25.0, 26.5, 150.0]), max_size=120)


@settings(max_examples=400, deadline=None)
@given(lengths=LENGTHS, at=st.integers(0, 130), cut=st.integers(0, 4),
       new=st.lists(st.sampled_from([8.0, 20.0, 25.0, 150.0]), max_size=4), width=st.sampled_from([60.0, 140.0, 400.0]))
def test_replacing_a_stretch_equals_placing_afresh(lengths, at, cut, new, width):
    old = place(lengths, width, 9.0)
    at = min(at, len(lengths))
    edited = lengths[:at] + new + lengths[at + cut:]
    assert replace_lengths(old, lengths, edited, width) == place(edited, width, 9.0)


@settings(max_examples=300, deadline=None)
@given(lengths=LENGTHS, at=st.integers(0, 130), cut=st.integers(0, 4),
       new=st.lists(st.sampled_from([8.0, 20.0, 25.0, 150.0]), max_size=4), width=st.sampled_from([60.0, 140.0, 400.0]))
def test_the_stretch_an_edit_names_gives_the_same(lengths, at, cut, new, width):
    """With the stretch the edit replaced (as the document holder knows it), no length is compared."""
    old = place(lengths, width, 9.0)
    at = min(at, len(lengths))
    cut = min(cut, len(lengths) - at)
    edited = lengths[:at] + new + lengths[at + cut:]
    assert replace_lengths(old, lengths, edited, width, (at, at + cut, at + len(new))) == place(edited, width, 9.0)
