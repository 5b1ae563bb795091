"""Response models: both tag forms and the post stream."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from foro.discourse.responses import TopicInfo, tag_names


def test_tag_names_accepts_both_forms():
    assert tag_names(["a", {"id": 1, "name": "b", "slug": "b"}]) == ["a", "b"]
    assert tag_names(None) == []
    with pytest.raises(ValueError):
        tag_names([1])


def test_topic_from_api_lifts_posts():
    topic = TopicInfo.from_api({"id": 3, "title": "Un título suficiente", "slug": "un-titulo", "tags": [],
                                "post_stream": {"posts": [{"id": 9, "topic_id": 3, "post_number": 1}]}})
    assert [p.id for p in topic.posts] == [9]


@pytest.mark.parametrize("data", [[], "x", {"id": "tres"}, {"id": 3, "title": "t"}])
def test_wrong_shapes_fail(data):
    with pytest.raises((ValueError, ValidationError)):
        TopicInfo.from_api(data)
