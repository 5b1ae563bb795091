"""pytest fixture ``discourse_double``: a started ``DiscourseDouble`` that must end with no violations.

Use it with ``pytest_plugins = ["tests.fakes.fixtures_discourse"]`` in a conftest, or import
the fixture into a test module. A test that provokes violations on purpose clears
``double.violations`` after checking them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.discourse_api import DiscourseDouble


@pytest.fixture
def discourse_double() -> Iterator[DiscourseDouble]:
    """A fake Discourse on 127.0.0.1 (categories 1, 5 "el-valor-soy-yo" and 9)."""
    double = DiscourseDouble()
    with double:
        yield double
    assert double.violations == [], "requests broke the Discourse OpenAPI contract:\n" + "\n".join(double.violations)
