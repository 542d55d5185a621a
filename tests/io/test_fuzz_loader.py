"""Property-based fuzzing of the loader: whatever the bytes, the only error is DocumentError.

Run with more examples: TRAINTOOL_FUZZ_EXAMPLES=20000 pytest tests/io/test_fuzz_loader.py
"""
import json
import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traintool.errors import DocumentError
from traintool.io import document_from_data, document_to_json, parse_json
from traintool.model import Document
import builders

EXAMPLES = int(os.environ.get("TRAINTOOL_FUZZ_EXAMPLES", "2000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

VALID = json.loads(document_to_json(builders.small_document()))

json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from([0, -1, -0.0, 1e308, "", "x" * 1_000_000, "traintool.consist", 1435, 2**63]),
)
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(VALID) if p]


def _load(data_bytes: bytes) -> None:
    try:
        document_from_data(parse_json(data_bytes, "fuzz.consist.json"), "fuzz.consist.json")
    except DocumentError as e:
        assert str(e).startswith("fuzz.consist.json"), str(e)


@FUZZ
@given(st.integers(min_value=0, max_value=len(ALL_PATHS) - 1), json_value, st.sampled_from(["set", "delete", "rename"]))
def test_mutated_document_gives_only_document_errors(path_index, value, action):
    data = json.loads(json.dumps(VALID))
    path = ALL_PATHS[path_index]
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "set":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[str(last) + "_typo"] = parent.pop(last)
    _load(json.dumps(data, allow_nan=True).encode())


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_give_only_document_errors(blob):
    _load(blob)


@FUZZ
@given(st.data())
def test_truncated_and_spliced_files_give_only_document_errors(data):
    text = json.dumps(VALID).encode()
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    junk = data.draw(st.binary(max_size=20))
    _load(text[:cut] + junk + text[cut + len(junk):])


def test_deep_nesting_and_huge_numbers():
    for blob in (b"[" * 50_000 + b"]" * 50_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
                 json.dumps({**VALID, "name": "9" * 5000}).encode(), b"1e999999", b"-" + b"9" * 100_000):
        _load(blob)


def test_a_shuffled_valid_document_still_loads():
    rng = random.Random(7)
    data = json.loads(json.dumps(VALID))
    items = list(data.items())
    rng.shuffle(items)
    assert document_from_data(dict(items), "x") == Document.model_validate(VALID)
