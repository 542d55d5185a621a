"""Shared fixtures. Tests never need a display: Qt runs on the offscreen platform."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

import builders  # noqa: E402
from traintool.model import Document  # noqa: E402


@pytest.fixture
def small_document() -> Document:
    return builders.small_document()
