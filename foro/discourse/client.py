"""A small async Discourse client on httpx (chosen over pydiscourse; reasons below).

pydiscourse 1.7 was read before deciding. It falls short for this service because it
* is synchronous (``requests``), so each call would need ``asyncio.to_thread`` plus our own
  bounded limiter, and its ``time.sleep`` on 429 would block a worker thread unseen by tests;
* has no "get topic by ``external_id``" call, the lookup our outbox needs before creating;
* honours only the JSON 429 form: for the text/plain form it ignores ``Retry-After`` and sleeps
  a fixed 10 s, retrying a hard-coded 4 times;
* lets ``requests`` exceptions (refused, timeout) escape unwrapped and has no notion of which
  errors are worth retrying, which an outbox worker must know;
* sends only the deprecated ``tags[]`` form.
Here every call goes through ``_send`` with one ``DiscoursePolicy`` (timeouts, retries, backoff,
a sliding-window limiter under the key's 60 requests/minute and a concurrency bound), and the
sleep and clock are injectable so tests never really wait.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Iterable
from typing import Any, Literal

import httpx
from pydantic import ValidationError

from foro.discourse import messages
from foro.discourse.errors import (
    DiscourseBadResponse,
    DiscourseNotAuthorized,
    DiscourseNotFound,
    DiscourseRateLimited,
    DiscourseRejected,
    DiscourseUnavailable,
)
from foro.discourse.policy import Clock, DiscoursePolicy, Sleep, SlidingWindowLimiter, rate_limit_wait
from foro.discourse.responses import PostRef, TopicInfo, TopicRef, posts_from_api
from foro.discourse.titles import clean_tag, is_valid_external_id

log = logging.getLogger(__name__)

TopicStatus = Literal["closed", "archived", "visible", "pinned", "pinned_globally"]
POSTS_PER_READ = 20  # what Discourse sends per page of a topic
_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE", "HEAD"})
_TOPIC_ID_IN_URL = re.compile(r"/t/(?:[^/?#]+/)?(\d+)(?:/\d+)?(?:\.json)?(?:[?#].*)?$")


class DiscourseClient:
    """Async client for the Discourse calls the forum backend needs."""

    def __init__(self, base_url: str, api_key: str, api_username: str, *,
                 policy: DiscoursePolicy | None = None, sleep: Sleep = asyncio.sleep,
                 clock: Clock = time.monotonic, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.base_url = str(base_url).rstrip("/")
        self.policy = policy or DiscoursePolicy()
        self._sleep = sleep
        self._limiter = SlidingWindowLimiter(self.policy.requests_per_minute, self.policy.window_seconds,
                                             clock=clock, sleep=sleep)
        self._slots = asyncio.Semaphore(self.policy.max_concurrency)
        self._http = httpx.AsyncClient(
            base_url=self.base_url, timeout=self.policy.httpx_timeout(), follow_redirects=False,
            transport=transport,
            headers={"Api-Key": api_key, "Api-Username": api_username, "Accept": "application/json",
                     "User-Agent": "el-valor-soy-yo/0.1"})

    @classmethod
    def from_settings(cls, settings: Any, **kwargs: Any) -> DiscourseClient:
        """Build from ``nucleo.settings.Settings`` (``VALOR_DISCOURSE_*``)."""
        key = settings.discourse_api_key.get_secret_value() if settings.discourse_api_key else ""
        return cls(str(settings.discourse_url), key, settings.discourse_api_username, **kwargs)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> DiscourseClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def topic_url(self, slug: str, topic_id: int) -> str:
        """The public link to a topic."""
        return f"{self.base_url}/t/{slug}/{topic_id}"

    # -- reads -----------------------------------------------------------------------------

    async def get_topic(self, topic_id: int) -> TopicInfo:
        """Fetch one topic with its first posts (``GET /t/{id}.json``)."""
        response = await self._send("GET", f"/t/{int(topic_id)}.json", what=f"el tema {topic_id}")
        return self._parse(response, TopicInfo.from_api)

    async def find_post(self, topic_id: int, marker: str) -> PostRef | None:
        """The post of a topic whose text contains ``marker``: the first 20 come with the topic;
        the rest are read newest first, 20 at a time (``GET /t/{id}/posts.json?post_ids[]=``)."""
        topic = await self.get_topic(topic_id)

        def match(posts: list[PostRef]) -> PostRef | None:
            return next((p for p in posts if marker in (p.raw or p.cooked or "")), None)

        found = match(topic.posts)
        rest = list(reversed(topic.unloaded_post_ids()))
        while found is None and rest:
            batch, rest = rest[:POSTS_PER_READ], rest[POSTS_PER_READ:]
            query = "&".join(f"post_ids[]={int(i)}" for i in batch)
            response = await self._send("GET", f"/t/{int(topic_id)}/posts.json?{query}",
                                        what=f"el tema {topic_id}")
            found = match(self._parse(response, posts_from_api))
        return found

    async def find_topic_by_external_id(self, external_id: str) -> TopicInfo | None:
        """The topic created with ``external_id``, or None (``GET /t/external_id/{id}.json``)."""
        self._check_external_id(external_id)
        response = await self._send("GET", f"/t/external_id/{external_id}.json", accept=(301, 302, 303, 307, 308, 404))
        if response.status_code == 404:
            return None
        if response.is_redirect:
            match = _TOPIC_ID_IN_URL.search(response.headers.get("location", ""))
            if not match:
                raise DiscourseBadResponse.because("redirección sin número de tema", status=response.status_code)
            return await self.get_topic(int(match.group(1)))
        return self._parse(response, TopicInfo.from_api)

    # -- writes ----------------------------------------------------------------------------

    async def create_topic(self, *, title: str, raw: str, category_id: int, external_id: str,
                           tags: Iterable[str] = ()) -> PostRef:
        """Create a topic (its first post) with ``POST /posts.json``; prefer ``ensure_topic``."""
        self._check_external_id(external_id)
        body: dict[str, Any] = {"title": title, "raw": raw, "category": int(category_id),
                                "external_id": external_id}
        names = self._tag_names(tags)
        if names:
            body["tags"] = names
        response = await self._send("POST", "/posts.json", json_body=body)
        return self._parse(response, PostRef.model_validate)

    async def ensure_topic(self, *, external_id: str, title: str, raw: str, category_id: int,
                           tags: Iterable[str] = ()) -> TopicRef:
        """Return the topic for ``external_id``, creating it only if Discourse has none."""
        existing = await self.find_topic_by_external_id(external_id)
        if existing is None:
            try:
                post = await self.create_topic(title=title, raw=raw, category_id=category_id,
                                               external_id=external_id, tags=tags)
            except DiscourseRejected:
                existing = await self.find_topic_by_external_id(external_id)  # lost a race?
                if existing is None:
                    raise
            else:
                slug = post.topic_slug or "-"
                return TopicRef(topic_id=post.topic_id, slug=slug, url=self.topic_url(slug, post.topic_id),
                                created=True, first_post_id=post.id)
        first = next((p.id for p in existing.posts if p.post_number == 1), None)
        return TopicRef(topic_id=existing.id, slug=existing.slug, created=False, first_post_id=first,
                        url=self.topic_url(existing.slug, existing.id))

    async def reply(self, topic_id: int, raw: str, *, reply_to_post_number: int | None = None,
                    marker: str | None = None) -> PostRef:
        """Post a reply; with ``marker``, first reuse a post of the topic whose text contains it."""
        if marker:
            found = await self.find_post(topic_id, marker)
            if found is not None:
                return found
        body: dict[str, Any] = {"topic_id": int(topic_id), "raw": raw}
        if reply_to_post_number is not None:
            body["reply_to_post_number"] = int(reply_to_post_number)
        response = await self._send("POST", "/posts.json", json_body=body)
        return self._parse(response, PostRef.model_validate)

    async def update_topic(self, topic_id: int, *, title: str | None = None, category_id: int | None = None,
                           tags: Iterable[str] | None = None) -> None:
        """Change a topic's title, category or tags (``PUT /t/-/{id}.json``; tags replace all)."""
        body: dict[str, Any] = {}
        if title is not None:
            body["title"] = title
        if category_id is not None:
            body["category_id"] = int(category_id)
        if tags is not None:
            body["tags"] = self._tag_names(tags)
        if body:
            await self._send("PUT", f"/t/-/{int(topic_id)}.json", json_body=body, what=f"el tema {topic_id}")

    async def set_tags(self, topic_id: int, tags: Iterable[str]) -> None:
        """Replace a topic's tags (e.g. value and suggestion status)."""
        await self.update_topic(topic_id, tags=tags)

    async def set_status(self, topic_id: int, status: TopicStatus, enabled: bool, *, until: str | None = None) -> None:
        """Close, archive, unlist or pin a topic (``PUT /t/{id}/status.json``)."""
        body: dict[str, Any] = {"status": status, "enabled": "true" if enabled else "false"}
        if until:
            body["until"] = until
        await self._send("PUT", f"/t/{int(topic_id)}/status.json", json_body=body, what=f"el tema {topic_id}")

    async def edit_post(self, post_id: int, raw: str, *, edit_reason: str | None = None) -> None:
        """Replace a post's text (``PUT /posts/{id}.json``)."""
        post: dict[str, Any] = {"raw": raw}
        if edit_reason:
            post["edit_reason"] = edit_reason
        await self._send("PUT", f"/posts/{int(post_id)}.json", json_body={"post": post}, what=f"el mensaje {post_id}")

    async def delete_post(self, post_id: int) -> None:
        """Hide a post from everyone but staff (soft delete, ``DELETE /posts/{id}.json``).

        Deleting a topic's first post deletes the topic, as in Discourse's own interface.
        """
        await self._send("DELETE", f"/posts/{int(post_id)}.json", what=f"el mensaje {post_id}")

    # -- plumbing --------------------------------------------------------------------------

    @staticmethod
    def _check_external_id(external_id: str) -> None:
        if not is_valid_external_id(external_id):
            raise DiscourseRejected(messages.INVALID_EXTERNAL_ID.format(value=external_id))

    @staticmethod
    def _tag_names(tags: Iterable[str]) -> list[str]:
        names: list[str] = []
        for tag in tags:
            name = clean_tag(tag)
            if name and name not in names:
                names.append(name)
        return names

    @staticmethod
    def _parse(response: httpx.Response, build: Any) -> Any:
        if "json" not in response.headers.get("content-type", ""):
            raise DiscourseBadResponse.because("no es JSON", status=response.status_code)
        try:
            return build(json.loads(response.content))
        except (ValueError, ValidationError) as exc:
            detail = "JSON con otra forma" if isinstance(exc, ValidationError) else "JSON ilegible"
            raise DiscourseBadResponse.because(detail, status=response.status_code) from exc

    async def _send(self, method: str, path: str, *, json_body: dict[str, Any] | None = None,
                    accept: tuple[int, ...] = (), what: str = "el recurso") -> httpx.Response:
        """Send one call under the policy: limiter, 429 waits, retries and error mapping."""
        policy = self.policy
        attempt = 0
        while True:
            attempt += 1
            last = attempt >= policy.max_attempts
            retry_failures = method in _IDEMPOTENT and not last
            try:
                async with self._slots:
                    await self._limiter.acquire()
                    response = await self._http.request(method, path, json=json_body)
            except httpx.TimeoutException as exc:
                failure = DiscourseUnavailable.because(f"sin respuesta: {type(exc).__name__}")
            except httpx.TransportError as exc:
                failure = DiscourseUnavailable.because(f"conexión fallida: {type(exc).__name__}")
            else:
                status = response.status_code
                if status == 429:
                    wait = rate_limit_wait(response, default=policy.default_rate_limit_wait)
                    if wait > policy.max_rate_limit_wait or last:
                        raise DiscourseRateLimited(wait)
                    log.info("discourse 429 (%s) on %s %s: waiting %.1fs", response.headers.get(
                        "discourse-rate-limit-error-code", "api"), method, path, wait)
                    self._limiter.pause(wait)
                    continue
                if status in accept or 200 <= status < 300:
                    return response
                if status >= 500:
                    failure = DiscourseUnavailable.because(f"HTTP {status}", status=status)
                else:
                    raise self._rejection(response, what)
            if not retry_failures:
                raise failure
            delay = policy.backoff(attempt)
            log.info("discourse %s %s failed (%s); retry in %.1fs", method, path, failure.message, delay)
            await self._sleep(delay)

    @staticmethod
    def _rejection(response: httpx.Response, what: str) -> DiscourseRejected:
        status = response.status_code
        errors: list[str] = []
        try:
            data = json.loads(response.content)
            if isinstance(data, dict) and isinstance(data.get("errors"), list):
                errors = [str(e) for e in data["errors"]]
        except ValueError:
            pass
        if status in (401, 403):
            return DiscourseNotAuthorized(messages.NOT_AUTHORIZED, status=status, errors=errors)
        if status == 404:
            return DiscourseNotFound(messages.NOT_FOUND.format(what=what), status=status, errors=errors)
        if 300 <= status < 400:
            detail = f"redirección inesperada a {response.headers.get('location', '?')}"
        else:
            detail = "; ".join(errors) or response.text[:200] or response.reason_phrase
        return DiscourseRejected(messages.REJECTED.format(status=status, detail=detail), status=status, errors=errors)
