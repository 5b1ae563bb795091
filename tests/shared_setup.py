"""Expensive set-up that never changes, done once per test process instead of once per test.

Each fixture here is session-wide and autouse, and replaces a costly step by a cached result
that is the same value the step would have computed: tests keep exercising the product's code
paths and production is untouched (nothing here is imported outside ``tests``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


class _SharedTemplateCode(BytecodeCache):
    """Compiled Jinja templates kept in memory for every environment of the process. Jinja keys
    its bytecode on the template's name, file and source; the key here adds the environment's
    options that change the compiled code, so two environments that parse the same file
    differently never share it."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        escape = environment.autoescape
        options = (
            environment.block_start_string,
            environment.block_end_string,
            environment.variable_start_string,
            environment.variable_end_string,
            environment.comment_start_string,
            environment.comment_end_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.newline_sequence,
            environment.keep_trailing_newline,
            tuple(sorted(environment.extensions)),
            environment.optimized,
            environment.is_async,
            escape(name) if callable(escape) else escape,
        )
        key = hashlib.sha1(repr((name, filename, options)).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(autouse=True, scope="session")
def _templates_compiled_once() -> Iterator[None]:
    """Every test app has its own Jinja environment (the console's ``Renderer``, the survey
    diagnosis), which parsed and compiled each template it rendered again: a console page test
    spent a good share of its time in Jinja's compiler. Environments created without a bytecode
    cache get the process's shared one; a template whose source changes is compiled again
    (Jinja checks the source's checksum)."""
    shared = _SharedTemplateCode()
    real_init = Environment.__init__

    def init(self: Environment, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        if self.bytecode_cache is None:
            self.bytecode_cache = shared

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Environment, "__init__", init)
        yield


def _files_fingerprint(folder: Path) -> tuple[Any, ...]:
    """The folder and, for each YAML file in it, its name, size and modification time."""
    return (
        str(folder.resolve()),
        *((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.yaml"))),
    )


@pytest.fixture(autouse=True, scope="session")
def _consultation_knowledge_built_once() -> Iterator[None]:
    """Every consultation service a test builds (``ConsultationService.from_files``, the desk of a
    test app) read the packaged knowledge base and lexicon from YAML and indexed them: about
    0.2 s of CPU each time. The files base and the lexicon are immutable values and the index
    built from them (``ConsultationEngine._build``) is only read afterwards (its typo memo
    aside, which gives the same answers), so each is made once per process for the packaged
    files as they are on disk. A base with HR overrides, another folder or another lexicon or
    configuration is built as before."""
    from bot.consultas import analysis, engine, knowledge

    KnowledgeBase, Lexicon, Engine = knowledge.KnowledgeBase, analysis.Lexicon, engine.ConsultationEngine
    real_directory = KnowledgeBase.from_directory.__func__  # type: ignore[attr-defined]  # classmethod's function
    real_lexicon = Lexicon.from_yaml.__func__  # type: ignore[attr-defined]  # classmethod's function
    real_build = Engine._build
    bases: dict[tuple[Any, ...], Any] = {}
    lexicons: dict[tuple[Any, ...], Any] = {}
    states: dict[tuple[int, int, Any], Any] = {}

    def from_directory(cls: type, path: Path | str = knowledge.DEFAULT_BASE, *, catalogue: Any = None) -> Any:
        folder = Path(path)
        if cls is not KnowledgeBase or catalogue is not None or not folder.is_dir():
            return real_directory(cls, path, catalogue=catalogue)
        key = _files_fingerprint(folder)
        if key not in bases:
            bases[key] = real_directory(cls, path)
        return bases[key]

    def from_yaml(cls: type, path: Path = analysis.DEFAULT_LEXICON) -> Any:
        file = Path(path)
        if cls is not Lexicon or not file.is_file():
            return real_lexicon(cls, path)
        stat = file.stat()
        key = (str(file.resolve()), stat.st_size, stat.st_mtime_ns)
        if key not in lexicons:
            lexicons[key] = real_lexicon(cls, path)
        return lexicons[key]

    def build(self: Any, kb: Any) -> Any:
        shared = any(kb is b for b in bases.values()) and any(self.lexicon is x for x in lexicons.values())
        try:
            key = (id(kb), id(self.lexicon), self.config)
            hash(key)
        except TypeError:
            shared = False
        if not shared:
            return real_build(self, kb)
        if key not in states:  # the base and lexicon stay referenced, so their ids stay theirs
            states[key] = real_build(self, kb)
        return states[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(KnowledgeBase, "from_directory", classmethod(from_directory))
        patch.setattr(Lexicon, "from_yaml", classmethod(from_yaml))
        patch.setattr(Engine, "_build", build)
        yield


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """Argon2id at its lowest cost in tests: each production hash or check costs tens of
    milliseconds of CPU (19 MiB, 2 passes), and the suite creates and logs in hundreds of staff
    accounts. What the tests check (the same code paths, a hash that verifies, a wrong password
    that does not) does not depend on the cost; production keeps ``nucleo.security``'s."""
    from argon2 import PasswordHasher

    from nucleo import security, staff

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    dummy = cheap.hash("no-account-has-this-password")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(security, "_HASHER", cheap)
        patch.setattr(security, "DUMMY_HASH", dummy)
        patch.setattr(staff, "DUMMY_HASH", dummy)
        yield


def _memo(function: Any, key: Any) -> Any:
    """``function`` answering from a memo for the arguments ``key(*args, **kwargs)`` maps to
    (None, or a key that cannot be hashed: computed every time)."""
    results: dict[Any, Any] = {}

    def cached(*args: Any, **kwargs: Any) -> Any:
        try:
            found = key(*args, **kwargs)
            if found is None:
                return function(*args, **kwargs)
            hash(found)
        except TypeError:
            return function(*args, **kwargs)
        if found not in results:
            results[found] = function(*args, **kwargs)
        return results[found]

    return cached


@pytest.fixture(autouse=True, scope="session")
def _routes_analysed_once() -> Iterator[None]:
    """FastAPI analyses a route (its dependency graph, its path's regular expression, its
    pydantic request body and response models) again in every app that includes its router,
    the first time a request reaches that router: 20–40 ms a route, and most tests build an app
    of their own (``api``), so up to a third of an API test's time went there. The analysis
    depends only on the path, the endpoint and the dependencies (models: on the name, type and
    mode; the body: on the body parameters the cached dependency graph returned), never on the
    app, so the tests keep one per route; production builds one app per process and is
    unaffected. If a FastAPI upgrade renames these private functions, the tests run as before,
    only slower."""
    from fastapi import routing

    names = (
        "_build_dependant_with_parameterless_dependencies",
        "create_model_field",
        "_get_body_field",
        "compile_path",
    )
    if not all(hasattr(routing, name) for name in names):
        yield
        return
    bodies: dict[int, Any] = {}  # keeps each list whose id is a key alive: the id stays its own

    def body_key(*, body_params: Any, name: str, embed_body_fields: bool) -> Any:
        # the body parameters come from the cached dependency graph: the same list, the same route
        bodies[id(body_params)] = body_params
        return (id(body_params), name, embed_body_fields)

    keys = {
        "_build_dependant_with_parameterless_dependencies": lambda *, path, call, dependencies: (
            path,
            call,
            tuple(dependencies),
        ),
        "create_model_field": lambda name, type_, *args, **kwargs: (
            name,
            type_,
            args,
            tuple(sorted(kwargs.items())),
        ),
        "_get_body_field": body_key,
        "compile_path": lambda path: path,
    }
    with pytest.MonkeyPatch.context() as patch:
        for name in names:
            patch.setattr(routing, name, _memo(getattr(routing, name), keys[name]))
        yield


@pytest.fixture(autouse=True, scope="session")
def _tls_context_made_once() -> Iterator[None]:
    """Every httpx client (the test's API client, python-telegram-bot's, the Discourse and
    WhatsApp clients, a live server's) made an SSL context and loaded the whole CA bundle into
    it: 15 ms of CPU each, several times a test, for clients that only ever speak plain HTTP to
    127.0.0.1 (the socket guard refuses anything else). The clients that verify certificates
    (all of them) share one context per process; httpx reads nothing back from it."""
    from httpx._transports import default

    make = getattr(default, "create_ssl_context", None)
    if make is None:
        yield
        return

    def key(verify: Any = True, cert: Any = None, trust_env: bool = True) -> Any:
        if verify is not True or cert is not None:
            return None
        return (trust_env, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(default, "create_ssl_context", _memo(make, key))
        yield
