"""The Discourse double itself: contract checks, Discourse's rules, misbehaviour and webhooks."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.fakes.discourse_api import DiscourseDouble
from tests.fakes.discourse_spec import DiscourseSpec
from tests.fakes.fixtures_discourse import discourse_double  # noqa: F401  # a fixture pytest finds by name

TOPIC = {"title": "Publicar las actas del comité de convivencia", "category": 5,
         "raw": "Propongo publicar las actas cada mes en la intranet.", "external_id": "valor-sugerencia-1"}


@pytest.fixture
def http(discourse_double: DiscourseDouble):
    headers = {"Api-Key": discourse_double.api_key, "Api-Username": discourse_double.api_username}
    with httpx.Client(base_url=discourse_double.base_url, headers=headers, timeout=5) as client:
        yield client


needs_spec = pytest.mark.skipif(not DiscourseSpec().available, reason=DiscourseSpec().skip_reason or "")


@needs_spec
def test_wrong_field_is_a_violation(http, discourse_double):
    http.post("/posts.json", json={**TOPIC, "categoria": 5})
    assert discourse_double.violations == [
        "POST /posts.json: $: Additional properties are not allowed ('categoria' was unexpected)"]
    discourse_double.violations.clear()


@needs_spec
def test_wrong_types_missing_fields_and_unknown_endpoints_are_violations(http, discourse_double):
    http.post("/posts.json", json={"title": "Sin cuerpo", "category": "cinco"})
    http.put("/t/-/1.json", json={"tag": ["x"]})
    http.get("/t/1/nada.json")
    text = "\n".join(discourse_double.violations)
    assert "'raw' is a required property" in text
    assert "$.category: 'cinco' is not of type 'integer'" in text
    assert "('tag' was unexpected)" in text
    assert "GET /t/1/nada.json: endpoint not in the OpenAPI file" in text
    discourse_double.violations.clear()


@needs_spec
def test_documented_gaps_are_allowed(http, discourse_double):
    body = {**TOPIC, "tags": ["honestidad", {"id": 3, "name": "recibida"}], "skip_validations": False}
    assert http.post("/posts.json", json=body).status_code == 200
    topic_id = discourse_double.topics[0].id
    assert http.put(f"/t/-/{topic_id}.json", json={"tags": ["adoptada"], "title": "Actas del comité, ya adoptado"}).is_success
    assert http.put(f"/t/-/{topic_id}.json", json={"topic": {"category_id": 9}}).is_success
    assert discourse_double.topics[0].tags == ["adoptada"] and discourse_double.topics[0].category_id == 9


def test_spec_missing_skips_checks_with_a_reason(tmp_path):
    spec = DiscourseSpec(tmp_path / "missing.json")
    assert not spec.available and "not found" in spec.skip_reason
    assert spec.check_request("POST", "/posts.json", {}, {"nonsense": 1}, "application/json") == []


def test_credentials_are_checked(discourse_double):
    wrong = httpx.get(f"{discourse_double.base_url}/t/1.json",
                      headers={"Api-Key": "nope", "Api-Username": "system"})
    assert wrong.status_code == 403 and wrong.json()["error_type"] == "invalid_access"


def test_external_id_is_unique_ignoring_case_and_found_by_redirect(http, discourse_double):
    created = http.post("/posts.json", json=TOPIC).json()
    dup = http.post("/posts.json", json={**TOPIC, "title": "Otro título distinto para la prueba",
                                         "external_id": "VALOR-SUGERENCIA-1"})
    assert dup.status_code == 422 and dup.json()["errors"] == ["External ID has already been taken"]
    found = http.get("/t/external_id/valor-sugerencia-1.json")
    assert found.status_code == 301
    assert found.headers["location"].endswith(f"/t/{created['topic_slug']}/{created['topic_id']}.json")
    assert http.get(found.headers["location"]).json()["id"] == created["topic_id"]
    assert http.get("/t/external_id/otra.json").status_code == 404


@pytest.mark.parametrize(("changes", "error"), [
    ({"title": "corto"}, "Title is too short (minimum is 15 characters)"),
    ({"title": "ESTO ES TODO EN MAYÚSCULAS"}, "Title seems unclear, most of the characters are capitals?"),
    ({"raw": "muy corto"}, "Body is too short (minimum is 20 characters)"),
    ({"category": 77}, "Category can't be blank"),
    ({"external_id": "con espacio"}, "External ID is invalid"),
    ({"tags": ["a", "b", "c", "d", "e", "f"]}, "You can only apply 5 tags to a topic."),
])
def test_discourse_validations(http, changes, error):
    answer = http.post("/posts.json", json={**TOPIC, **changes})
    assert answer.status_code == 422 and answer.json()["errors"] == [error]


def test_both_429_forms(http, discourse_double):
    discourse_double.rate_limit_next("header", 9)
    plain = http.get("/t/1.json")
    assert plain.status_code == 429 and plain.headers["content-type"].startswith("text/plain")
    assert plain.headers["retry-after"] == "9"
    assert plain.headers["discourse-rate-limit-error-code"] == "ip_10_secs_limit"
    discourse_double.rate_limit_next("json", 4)
    as_json = http.get("/t/1.json")
    assert as_json.status_code == 429 and as_json.json()["extras"]["wait_seconds"] == 4
    assert "retry-after" not in as_json.headers
    assert http.get("/t/1.json").status_code == 404  # faults are one-shot


def test_fail_and_garbage_on_demand(http, discourse_double):
    discourse_double.fail_next(502)
    assert http.get("/t/1.json").status_code == 502
    discourse_double.garbage_next("truncated")
    with pytest.raises(ValueError):
        http.get("/t/1.json").json()


def test_down_and_back_keeps_data_and_port(http, discourse_double):
    http.post("/posts.json", json=TOPIC)
    url = discourse_double.base_url
    discourse_double.go_down("refuse")
    with pytest.raises(httpx.ConnectError):
        http.get("/t/external_id/valor-sugerencia-1.json")
    discourse_double.come_back()
    assert discourse_double.base_url == url
    assert http.get("/t/external_id/valor-sugerencia-1.json").status_code == 301
    discourse_double.go_down("503")
    assert http.get("/t/1.json").status_code == 503
    discourse_double.come_back()


def test_request_counts(http, discourse_double):
    for _ in range(3):
        http.get("/t/external_id/x.json")
    assert discourse_double.requests_per_minute == 3 == discourse_double.peak_requests_per_minute


def test_enforced_limit_answers_json_429():
    with DiscourseDouble(rate_limit_per_minute=2) as double:
        headers = {"Api-Key": double.api_key, "Api-Username": double.api_username}
        codes = [httpx.get(f"{double.base_url}/t/external_id/x.json", headers=headers).status_code for _ in range(3)]
        assert codes == [404, 404, 429]


class _Receiver:
    """A tiny HTTP server that keeps what it receives."""

    def __init__(self) -> None:
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((dict(self.headers), body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhooks/discourse"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = _Receiver()
    yield server
    server.close()


def test_send_signed_webhooks(discourse_double, receiver):
    post = discourse_double.user_creates_topic("lmartinez", "Pausas activas en todas las secretarías",
                                               "Propongo pausas activas dos veces al día.", tags=("respeto",))
    payload = discourse_double.webhook_payload("topic_created", post.topic_id)
    assert payload["topic"]["created_by"]["username"] == "lmartinez" and payload["topic"]["tags"] == ["respeto"]
    for signature in (None, "bad", "missing"):
        assert discourse_double.send_webhook(receiver.url, "topic_created", payload, signature=signature).is_success
    (good_headers, body), (bad_headers, _), (missing_headers, _) = receiver.received
    expected = "sha256=" + hmac.new(b"test-webhook-secret", body, hashlib.sha256).hexdigest()
    assert good_headers["X-Discourse-Event-Signature"] == expected
    assert bad_headers["X-Discourse-Event-Signature"] != expected
    assert "X-Discourse-Event-Signature" not in missing_headers
    assert good_headers["X-Discourse-Event"] == "topic_created"
    assert good_headers["X-Discourse-Event-Type"] == "topic"
    assert good_headers["X-Discourse-Instance"] == discourse_double.base_url
    assert good_headers["X-Discourse-Event-Id"] != bad_headers["X-Discourse-Event-Id"]
    assert json.loads(body) == payload


def test_post_webhook_payload_has_raw_and_topic(discourse_double):
    first = discourse_double.user_creates_topic("lmartinez", "Pausas activas en todas las secretarías",
                                                "Propongo pausas activas dos veces al día.")
    reply = discourse_double.user_replies("jcardenas", first.topic_id, "Estoy de acuerdo con la propuesta.")
    body = discourse_double.webhook_payload("post_created", reply.id)["post"]
    assert (body["post_number"], body["topic_id"], body["username"]) == (2, first.topic_id, "jcardenas")
    assert body["raw"] == "Estoy de acuerdo con la propuesta." and body["category_slug"] == "el-valor-soy-yo"
