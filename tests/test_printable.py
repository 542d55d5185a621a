"""printable() and safe_file_name(): for any text, one line without control or format characters,
of a bounded length; a file name without separators that fits the file system."""
import os
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from traintool.io import safe_file_name
from traintool.io.safe_write import NAME_MAX
from traintool.printable import LINE_LIMIT, printable, printable_lines

UNSAFE = ("Cc", "Cf", "Zl", "Zp", "Cs")


@given(st.text(), st.integers(min_value=1, max_value=500))
def test_printable_is_one_safe_line_of_bounded_length(text, limit):
    out = printable(text, limit)
    assert not any(unicodedata.category(c) in UNSAFE for c in out)
    assert len(out.splitlines()) <= 1
    assert len(out) <= limit + len(f"… ({len(text):,} characters in all)")
    if len(text) <= limit and not any(unicodedata.category(c) in UNSAFE for c in text):
        assert out == text  # ordinary text is left as it is


def test_printable_examples():
    assert printable("a\x1b[31mb\nc\u202ed") == "a\\x1b[31mb\\nc\\u202ed"
    assert printable("x" * 1000).startswith("x" * LINE_LIMIT + "… (1,000 characters in all)")


@given(st.text(), st.integers(min_value=1, max_value=30))
def test_printable_lines_bounds_the_lines(text, max_lines):
    out = printable_lines(text, max_lines=max_lines).splitlines()
    assert len(out) <= max_lines + 1


@given(st.text(), st.sampled_from([".consist.json", ".pdf"]))
def test_safe_file_name_is_one_name_that_fits(name, suffix):
    out = safe_file_name(name, suffix)
    assert out.endswith(suffix) and "/" not in out and "\0" not in out and not out.startswith(".")
    assert len(os.fsencode(out)) <= NAME_MAX and all(c.isprintable() for c in out)


@given(st.text())
def test_the_escaping_writer_lets_only_newlines_and_safe_characters_through(text):
    import io

    from traintool.printable import EscapingWriter

    buf = io.StringIO()
    EscapingWriter(buf).write(text)
    out = buf.getvalue()
    assert out.count("\n") == text.count("\n")
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in out)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
