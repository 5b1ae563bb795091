"""Webhook signature checks: good, bad, missing, malformed and replayed."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from foro.discourse.schemas import parse_webhook
from foro.discourse.signature import compute_signature, verify_signature
from tests.fakes.discourse_api import DiscourseDouble

SECRET = "s3cr3t-del-webhook"
BODY = b'{"topic":{"id":214,"title":"Publicar las actas del comit\\u00e9","category_id":5}}'
GOOD = "sha256=" + hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()


def test_good_signature():
    assert verify_signature(SECRET, BODY, GOOD)
    assert compute_signature(SECRET, BODY) == GOOD


def test_uppercase_hex_and_surrounding_spaces_are_accepted():
    assert verify_signature(SECRET, BODY, "sha256=" + GOOD[7:].upper())
    assert verify_signature(SECRET, BODY, f"  {GOOD} ")


@pytest.mark.parametrize("header", [
    None, "", "sha256=", GOOD[7:], "sha1=" + GOOD[7:], GOOD[:-1], GOOD + "0", GOOD.replace("sha256", "SHA256"),
    "sha256=" + "z" * 64, "sha256=" + "0" * 64, GOOD + ",sha256=" + "0" * 64, 12345, b"sha256=abc",
])
def test_missing_or_malformed_headers_fail(header):
    assert verify_signature(SECRET, BODY, header) is False


def test_wrong_secret_or_changed_body_fails():
    assert not verify_signature("otro-secreto", BODY, GOOD)
    assert not verify_signature(SECRET, BODY.replace(b"214", b"215"), GOOD)
    assert not verify_signature(SECRET, BODY + b" ", GOOD)  # the raw bytes, not the parsed JSON


def test_empty_secret_never_verifies():
    assert not verify_signature("", BODY, compute_signature("", BODY))


def test_non_bytes_body_fails():
    assert not verify_signature(SECRET, BODY.decode(), GOOD)


def test_unicode_secret():
    secret = "contraseña-ñandú-🔐"
    assert verify_signature(secret, BODY, compute_signature(secret, BODY))


def test_matches_the_double_signing_independently():
    double = DiscourseDouble(webhook_secret=SECRET)
    good = double.build_webhook("topic_created", BODY)
    bad = double.build_webhook("topic_created", BODY, signature="bad")
    missing = double.build_webhook("topic_created", BODY, signature="missing")
    assert verify_signature(SECRET, good.body, good.headers["X-Discourse-Event-Signature"])
    assert not verify_signature(SECRET, bad.body, bad.headers["X-Discourse-Event-Signature"])
    assert not verify_signature(SECRET, missing.body, missing.headers.get("X-Discourse-Event-Signature"))


def test_replayed_webhook_verifies_but_keeps_its_dedup_key():
    """A signature cannot detect a replay: the route must dedupe on the payload's ids."""
    double = DiscourseDouble(webhook_secret=SECRET)
    first = double.build_webhook("topic_created", BODY)
    replay = double.build_webhook("topic_created", BODY)
    assert first.headers["X-Discourse-Event-Id"] != replay.headers["X-Discourse-Event-Id"]
    assert verify_signature(SECRET, replay.body, replay.headers["X-Discourse-Event-Signature"])
    keys = {parse_webhook("topic_created", d.body).dedup_key for d in (first, replay)}
    assert keys == {"topic_created:topic:214"}
