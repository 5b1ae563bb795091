"""The endpoints ``DiscourseDouble`` serves, each a small function over the in-memory forum."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tests.fakes import discourse_payloads as payloads
from tests.fakes.discourse_forum import ForumError

if TYPE_CHECKING:
    from tests.fakes.discourse_api import DiscourseDouble, Reply

Handler = Callable[["DiscourseDouble", dict[str, str], dict[str, Any]], "Reply"]
_ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []


def _on(method: str, pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _ROUTES.append((method, re.compile(f"^{pattern}$"), handler))
        return handler
    return register


def _reply(status: int, body: Any = None, **kwargs: Any) -> Reply:
    from tests.fakes.discourse_api import Reply

    return Reply(status, body, **kwargs)


def _checked(double: DiscourseDouble, method: str, template: str, body: Any) -> Reply:
    double.violations.extend(double.spec.check_response(method, template, 200, body))
    return _reply(200, body)


@_on("GET", r"/t/external_id/(?P<external_id>[^/]+)\.json")
def _by_external_id(double, params, body):
    topic = double.forum.by_external_id(params["external_id"])
    if topic is None or topic.deleted_at is not None:
        raise ForumError(404, "The requested URL or resource could not be found.", error_type="not_found")
    location = f"{double.base_url}/t/{topic.slug}/{topic.id}.json"
    return _reply(301, f'<html><body>You are being <a href="{location}">redirected</a>.</body></html>',
                  headers={"Location": location}, content_type="text/html; charset=utf-8")


@_on("GET", r"/t/(?P<id>\d+)/posts\.json")
def _topic_posts(double, params, body):
    topic = double.forum.topic(int(params["id"]))
    ids = [int(i) for i in body.get("post_ids[]", []) if str(i).isdigit()][:20]
    return _checked(double, "GET", "/t/{id}/posts.json",
                    payloads.topic_posts_api(double.spec, double.forum, topic, ids))


@_on("GET", r"/t/(?:[^/]+/)?(?P<id>\d+)\.json")
def _get_topic(double, params, body):
    topic = double.forum.topic(int(params["id"]))
    return _checked(double, "GET", "/t/{id}.json", payloads.topic_api(double.spec, double.forum, topic))


@_on("POST", r"/posts\.json")
def _create_post(double, params, body):
    tags = body.get("tags", body.get("tags[]", ()))
    if "topic_id" in body:
        post = double.forum.create_post(double.api_username, topic_id=body.get("topic_id"), raw=body.get("raw"),
                                        reply_to_post_number=body.get("reply_to_post_number"))
    else:
        post = double.forum.create_topic(double.api_username, title=body.get("title"), raw=body.get("raw"),
                                         category_id=body.get("category"), external_id=body.get("external_id"),
                                         tags=tags)
    return _checked(double, "POST", "/posts.json", payloads.post_api(double.spec, double.forum, post))


@_on("PUT", r"/t/-/(?P<id>\d+)\.json")
def _update_topic(double, params, body):
    changes = {k: v for k, v in body.items() if k in ("title", "category_id", "tags")}
    changes.update({k: v for k, v in (body.get("topic") or {}).items() if k in ("title", "category_id")})
    topic = double.forum.update_topic(int(params["id"]), changes)
    return _checked(double, "PUT", "/t/-/{id}.json", payloads.basic_topic_api(double.forum, topic))


@_on("PUT", r"/t/(?P<id>\d+)/status\.json")
def _topic_status(double, params, body):
    if body.get("status") not in ("closed", "pinned", "pinned_globally", "archived", "visible"):
        raise ForumError(400, "param is missing or the value is empty: status", error_type="invalid_parameters")
    if body.get("enabled") not in ("true", "false", True, False):
        raise ForumError(400, "param is missing or the value is empty: enabled", error_type="invalid_parameters")
    double.forum.set_status(int(params["id"]), body["status"], body["enabled"] in ("true", True))
    return _checked(double, "PUT", "/t/{id}/status.json", {"success": "OK", "topic_status_update": None})


@_on("PUT", r"/posts/(?P<id>\d+)\.json")
def _edit_post(double, params, body):
    post_body = body.get("post") if isinstance(body.get("post"), dict) else {}
    post = double.forum.edit_post(int(params["id"]), post_body.get("raw"), post_body.get("edit_reason"))
    return _checked(double, "PUT", "/posts/{id}.json", payloads.edited_post_api(double.spec, double.forum, post))


@_on("DELETE", r"/posts/(?P<id>\d+)\.json")
def _delete_post(double, params, body):
    double.forum.delete_post(int(params["id"]))
    return _reply(200, None, content_type="text/plain; charset=utf-8")


def route(double: DiscourseDouble, method: str, path: str, body: dict[str, Any]) -> Reply:
    """Dispatch one authenticated request; unknown paths get Discourse's JSON 404."""
    for route_method, pattern, handler in _ROUTES:
        found = pattern.match(path)
        if found and route_method == method:
            return handler(double, found.groupdict(), body)
    raise ForumError(404, "The requested URL or resource could not be found.", error_type="not_found")
