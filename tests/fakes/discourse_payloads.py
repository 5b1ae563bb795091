"""How the double serializes its forum: API answers (shaped by the OpenAPI file) and webhooks.

API answers start from the smallest object the documented response schema accepts and lay our
values over it, so they carry every required key. Webhook bodies follow Discourse's
``WebHookTopicViewSerializer`` and ``WebHookPostSerializer`` (as in ``foro/discourse/fixtures``).
"""

from __future__ import annotations

from typing import Any

from tests.fakes.discourse_forum import FakeForum, FakePost, FakeTopic
from tests.fakes.discourse_spec import DiscourseSpec, conform


def _user(forum: FakeForum, username: str) -> dict[str, Any]:
    return {"id": forum.user_id(username), "username": username, "name": username,
            "avatar_template": f"/letter_avatar_proxy/v4/letter/{username[:1]}/e56c9b/{{size}}.png"}


def _post_fields(forum: FakeForum, post: FakePost) -> dict[str, Any]:
    topic = forum.topics[post.topic_id]
    staff = post.user_id == -1
    return {
        "id": post.id, "name": post.username, "username": post.username,
        "avatar_template": _user(forum, post.username)["avatar_template"],
        "created_at": post.created_at, "updated_at": post.created_at, "raw": post.raw,
        "cooked": post.cooked, "post_number": post.post_number, "post_type": 1,
        "reply_to_post_number": post.reply_to_post_number, "topic_id": topic.id,
        "topic_slug": topic.slug, "topic_title": topic.title, "category_id": topic.category_id,
        "display_username": post.username, "version": 1, "user_id": post.user_id,
        "moderator": staff, "admin": staff, "staff": staff, "hidden": False, "trust_level": 1,
        "deleted_at": post.deleted_at, "user_deleted": False, "edit_reason": post.edit_reason,
        "wiki": False, "post_url": f"/t/{topic.slug}/{topic.id}/{post.post_number}",
    }


def post_api(spec: DiscourseSpec, forum: FakeForum, post: FakePost) -> dict[str, Any]:
    """The answer of ``POST /posts.json``."""
    return conform(spec.response_schema("POST", "/posts.json"), _post_fields(forum, post))


def edited_post_api(spec: DiscourseSpec, forum: FakeForum, post: FakePost) -> dict[str, Any]:
    """The answer of ``PUT /posts/{id}.json``."""
    schema = spec.response_schema("PUT", "/posts/{id}.json").get("properties", {}).get("post", {})
    return {"post": conform(schema, _post_fields(forum, post))}


def _topic_fields(forum: FakeForum, topic: FakeTopic) -> dict[str, Any]:
    posts = [forum.posts[i] for i in topic.post_ids if forum.posts[i].deleted_at is None]
    return {
        "id": topic.id, "title": topic.title, "fancy_title": topic.title, "slug": topic.slug,
        "category_id": topic.category_id, "archetype": topic.archetype, "posts_count": len(posts),
        "reply_count": max(0, len(posts) - 1), "highest_post_number": len(topic.post_ids),
        "created_at": topic.created_at, "last_posted_at": posts[-1].created_at if posts else topic.created_at,
        "visible": topic.visible, "closed": topic.closed, "archived": topic.archived,
        "pinned": topic.pinned, "user_id": topic.user_id, "deleted_at": topic.deleted_at,
        "word_count": sum(len(p.raw.split()) for p in posts), "participant_count": len({p.username for p in posts}),
    }


def topic_api(spec: DiscourseSpec, forum: FakeForum, topic: FakeTopic) -> dict[str, Any]:
    """The answer of ``GET /t/{id}.json`` (tags as ``{id, name, slug}`` objects, as documented)."""
    schema = spec.response_schema("GET", "/t/{id}.json")
    props = schema.get("properties", {})
    fields = _topic_fields(forum, topic)
    fields["tags"] = [{"id": i + 1, "name": t, "slug": t} for i, t in enumerate(topic.tags)]
    fields["tags_descriptions"] = {}
    stream = props.get("post_stream", {})
    item = stream.get("properties", {}).get("posts", {}).get("items", {})
    posts = [forum.posts[i] for i in topic.post_ids if forum.posts[i].deleted_at is None]
    fields["post_stream"] = conform(stream, {
        "posts": [conform(item, _post_fields(forum, p)) for p in posts[:20]],
        "stream": [p.id for p in posts]})
    return conform(schema, fields)


def topic_posts_api(spec: DiscourseSpec, forum: FakeForum, topic: FakeTopic,
                    post_ids: list[int]) -> dict[str, Any]:
    """The answer of ``GET /t/{id}/posts.json?post_ids[]=…``: those posts of the topic."""
    schema = spec.response_schema("GET", "/t/{id}/posts.json")
    stream = schema.get("properties", {}).get("post_stream", {})
    item = stream.get("properties", {}).get("posts", {}).get("items", {})
    wanted = set(post_ids)
    posts = [forum.posts[i] for i in topic.post_ids
             if i in wanted and forum.posts[i].deleted_at is None]
    return conform(schema, {"id": topic.id, "post_stream": conform(stream, {
        "posts": [conform(item, _post_fields(forum, p)) for p in posts]})})


def basic_topic_api(forum: FakeForum, topic: FakeTopic) -> dict[str, Any]:
    """The answer of ``PUT /t/-/{id}.json``."""
    return {"basic_topic": {"id": topic.id, "title": topic.title, "fancy_title": topic.title,
                            "slug": topic.slug, "posts_count": len(topic.post_ids)}}


def topic_webhook(forum: FakeForum, topic: FakeTopic) -> dict[str, Any]:
    """Body of a ``topic_*`` webhook."""
    author = _user(forum, topic.username)
    body = {**_topic_fields(forum, topic), "tags": list(topic.tags), "tags_descriptions": {},
            "created_by": author, "last_poster": author, "views": 0, "like_count": 0,
            "pinned_globally": False, "bookmarked": False, "has_deleted": False, "thumbnails": None}
    if topic.external_id:
        body["external_id"] = topic.external_id
    return {"topic": body}


def post_webhook(forum: FakeForum, post: FakePost) -> dict[str, Any]:
    """Body of a ``post_*`` webhook."""
    topic = forum.topics[post.topic_id]
    count = sum(1 for i in topic.post_ids if forum.posts[i].deleted_at is None)
    return {"post": {**_post_fields(forum, post), "topic_posts_count": count,
                     "topic_filtered_posts_count": count, "topic_archetype": topic.archetype,
                     "category_slug": forum.categories.get(topic.category_id, "")}}
