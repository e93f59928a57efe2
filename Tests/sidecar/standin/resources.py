"""Component, Subscription, Resiliency and Configuration YAML, loaded and checked the way daprd does.

daprd reads every .yaml/.yml document in each --resources-path folder, keeps the components
whose top-level `scopes` include the app id, matches metadata names case-insensitively, ignores
unknown names, expands {uuid} {appID} {podName} {namespace}, and exits when a component fails to
initialise (unless spec.ignoreErrors). Those refusals are reproduced here as ConfigError.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import gocompat

# pkg/components/category.go
CATEGORIES = {
    "bindings",
    "pubsub",
    "secretstores",
    "state",
    "workflow",
    "workflowbackend",
    "middleware",
    "configuration",
    "crypto",
    "lock",
    "nameresolution",
    "conversation",
}

# Component types daprd ships in the categories the stand-in emulates. A type outside this list
# is refused the way daprd refuses a component it has no factory for.
KNOWN_TYPES = {
    "pubsub": {
        "pubsub.kafka",
        "pubsub.in-memory",
        "pubsub.redis",
        "pubsub.rabbitmq",
        "pubsub.mqtt3",
        "pubsub.pulsar",
        "pubsub.natsstreaming",
        "pubsub.jetstream",
        "pubsub.azure.servicebus.topics",
        "pubsub.azure.servicebus.queues",
        "pubsub.azure.eventhubs",
        "pubsub.gcp.pubsub",
        "pubsub.aws.snssqs",
        "pubsub.solace.amqp",
        "pubsub.rocketmq",
    },
    "state": {
        "state.postgresql",
        "state.in-memory",
        "state.sqlite",
        "state.redis",
        "state.mongodb",
        "state.mysql",
        "state.cockroachdb",
        "state.sqlserver",
        "state.cassandra",
        "state.etcd",
        "state.memcached",
        "state.zookeeper",
        "state.azure.cosmosdb",
        "state.azure.blobstorage",
        "state.azure.tablestorage",
        "state.aws.dynamodb",
        "state.gcp.firestore",
        "state.couchbase",
        "state.rethinkdb",
        "state.hazelcast",
        "state.oracledatabase",
        "state.cloudflare.workerskv",
    },
    "secretstores": {
        "secretstores.local.file",
        "secretstores.local.env",
        "secretstores.kubernetes",
        "secretstores.hashicorp.vault",
        "secretstores.azure.keyvault",
        "secretstores.aws.secretmanager",
        "secretstores.aws.parameterstore",
        "secretstores.gcp.secretmanager",
    },
}
# What daprd calls each category in its "couldn't find ..." message.
_CATEGORY_NOUN = {"pubsub": "pub sub", "state": "state store", "secretstores": "secret store"}

KAFKA_AUTH_TYPES = {"none", "password", "mtls", "oidc", "oidc_private_key_jwt", "certificate", "awsiam"}


class ConfigError(Exception):
    """A resource daprd would refuse; the message is daprd's fatal error text."""


@dataclass
class Component:
    name: str
    type: str
    version: str
    metadata: dict[str, str]
    scopes: list[str]
    ignore_errors: bool
    source: str

    @property
    def category(self) -> str:
        return self.type.split(".", 1)[0]

    def get(self, key: str, default: str | None = None) -> str | None:
        """Case-insensitive metadata lookup, as kit's DecodeMetadata does it."""
        lk = key.lower()
        for k, v in self.metadata.items():
            if k.lower() == lk:
                return v
        return default

    def failure(self, reason: str) -> ConfigError:
        return ConfigError(
            f"process component {self.name} error: [INIT_COMPONENT_FAILURE]: initialization error occurred "
            f"for {self.name} ({self.type}/{self.version}): {reason}"
        )


@dataclass
class PubSubSettings:
    """The parsed metadata of a pub/sub component (CC common/component/kafka/metadata.go)."""

    cluster: str
    consumer_group: str
    initial_offset: str
    consume_retry_enabled: bool
    backoff_policy: str
    backoff_duration: float
    backoff_max_retries: int
    backoff_initial_interval: float
    backoff_max_interval: float
    exclude_header_regex: re.Pattern | None
    escape_headers: bool
    session_timeout: float
    publishing_scopes: dict[str, list[str]] | None
    subscription_scopes: dict[str, list[str]] | None
    allowed_topics: list[str] | None
    protected_topics: list[str]


@dataclass
class Rule:
    match: str
    path: str


@dataclass
class Subscription:
    pubsubname: str
    topic: str
    rules: list[Rule]
    default_path: str
    dead_letter_topic: str
    metadata: dict[str, str]
    kind: str  # DECLARATIVE or PROGRAMMATIC
    bulk: dict = field(default_factory=dict)

    @property
    def raw_payload(self) -> bool:
        try:
            return gocompat.parse_bool(self.metadata.get("rawPayload", "false"))
        except ValueError:
            return False


@dataclass
class RetryPolicy:
    name: str
    policy: str  # constant | exponential
    duration: float
    initial_interval: float
    max_interval: float
    max_retries: int  # -1 = forever
    http_status_codes: list[tuple[int, int]] | None

    def delay(self, attempt: int) -> float:
        """Wait before retry number `attempt` (1-based)."""
        if self.policy == "exponential":
            return min(self.initial_interval * (1.5 ** (attempt - 1)), self.max_interval)
        return self.duration

    def retries_status(self, status: int | None) -> bool:
        if self.http_status_codes is None or status is None:
            return True
        return any(lo <= status <= hi for lo, hi in self.http_status_codes)


@dataclass
class ComponentPolicy:
    retry: RetryPolicy | None = None
    timeout: float | None = None


@dataclass
class Resources:
    components: list[Component] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)
    inbound: dict[str, ComponentPolicy] = field(default_factory=dict)
    outbound: dict[str, ComponentPolicy] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def component(self, name: str, category: str) -> Component | None:
        for c in self.components:
            if c.name == name and c.category == category:
                return c
        return None

    def of_category(self, category: str) -> list[Component]:
        return [c for c in self.components if c.category == category]


def expand_tags(value: str, app_id: str) -> str:
    """{uuid} {podName} {namespace} {appID} (RT pkg/runtime/meta/meta.go); Go templates stay literal."""
    namespace = os.environ.get("NAMESPACE", "default")
    out = value
    while "{uuid}" in out:
        out = out.replace("{uuid}", str(uuid.uuid4()), 1)
    out = out.replace("{podName}", os.environ.get("POD_NAME", ""))
    out = out.replace("{namespace}", f"{namespace}.{app_id}")
    return out.replace("{appID}", app_id)


def _documents(paths: list[str]):
    for base in paths:
        p = Path(base)
        if not p.is_dir():
            raise ConfigError(f"failed to load resources from disk: open {base}: no such file or directory")
        for f in sorted(p.iterdir()):
            if f.suffix not in (".yaml", ".yml") or not f.is_file():
                continue
            try:
                docs = list(yaml.safe_load_all(f.read_text()))
            except yaml.YAMLError as e:
                raise ConfigError(f"error parsing {f}: {e}") from e
            for d in docs:
                if isinstance(d, dict):
                    yield str(f), d


def _scoped_in(doc: dict, app_id: str) -> bool:
    scopes = doc.get("scopes") or []
    return not scopes or app_id in scopes


def load(paths: list[str], app_id: str, config_file: str | None = None) -> tuple[Resources, bool]:
    """All resources visible to app_id, and whether tracing is on. Raises ConfigError."""
    res = Resources()
    secret_stores: dict[str, dict[str, str]] = {}
    raw_components: list[tuple[str, dict]] = []
    resiliencies: list[dict] = []
    for src, doc in _documents(paths):
        kind = doc.get("kind")
        if kind == "Component":
            raw_components.append((src, doc))
        elif kind == "Subscription":
            if _scoped_in(doc, app_id):
                res.subscriptions.append(_subscription(doc, src))
        elif kind == "Resiliency":
            if _scoped_in(doc, app_id):
                resiliencies.append(doc)
        # Configuration, HTTPEndpoint and other kinds in the folder are not used by the stand-in.

    seen: set[str] = set()
    # Secret stores first: other components resolve secretKeyRef through them.
    raw_components.sort(key=lambda x: 0 if str((x[1].get("spec") or {}).get("type", "")).startswith("secretstores.") else 1)
    for src, doc in raw_components:
        if not _scoped_in(doc, app_id):
            continue
        comp = _component(doc, src, app_id, secret_stores, res.warnings)
        if comp.name in seen:
            raise ConfigError(f"process component {comp.name} error: component {comp.name} already exists")
        seen.add(comp.name)
        try:
            _validate(comp, app_id)
        except ConfigError as e:
            if comp.ignore_errors:
                res.warnings.append(f"ignoring error processing component: {e}")
                continue
            raise
        if comp.category not in KNOWN_TYPES:
            res.warnings.append(f"component {comp.name} ({comp.type}) is accepted but not emulated by the stand-in")
        if comp.type == "secretstores.local.file":
            secret_stores[comp.name] = _read_secret_file(comp)
        elif comp.type == "secretstores.local.env":
            secret_stores[comp.name] = dict(os.environ)
        res.components.append(comp)

    for doc in resiliencies:
        _resiliency(doc, res)
    return res, _tracing_enabled(config_file)


def _component(doc: dict, src: str, app_id: str, secret_stores: dict, warnings: list[str]) -> Component:
    meta = doc.get("metadata") or {}
    spec = doc.get("spec") or {}
    name = str(meta.get("name") or "")
    ctype = str(spec.get("type") or "")
    version = str(spec.get("version") or "")
    auth_store = (doc.get("auth") or {}).get("secretStore")
    values: dict[str, str] = {}
    lowered: dict[str, str] = {}
    for item in spec.get("metadata") or []:
        if not isinstance(item, dict) or "name" not in item:
            continue
        key = str(item["name"])
        if key.lower() in lowered and lowered[key.lower()] != key:
            raise ConfigError(
                f"process component {name} error: [INIT_COMPONENT_FAILURE]: initialization error occurred for "
                f"{name} ({ctype}/{version}): duplicate metadata property {key} (case-insensitive)"
            )
        lowered[key.lower()] = key
        if "secretKeyRef" in item:
            ref = item["secretKeyRef"] or {}
            store = secret_stores.get(auth_store) if auth_store else None
            if store is None:
                warnings.append(
                    f"component {name} references a secret store that isn't loaded: {auth_store or 'kubernetes'}"
                )
                values[key] = ""
            else:
                values[key] = store.get(str(ref.get("key") or ref.get("name")), "")
            continue
        raw = item.get("value", "")
        if isinstance(raw, bool):
            raw = "true" if raw else "false"
        elif isinstance(raw, (dict, list)):
            raw = json.dumps(raw)
        values[key] = expand_tags("" if raw is None else str(raw), app_id)
    return Component(
        name=name,
        type=ctype,
        version=version,
        metadata=values,
        scopes=list(doc.get("scopes") or []),
        ignore_errors=bool(spec.get("ignoreErrors", False)),
        source=src,
    )


def _validate(comp: Component, app_id: str) -> None:
    category = comp.category
    if category not in CATEGORIES:
        raise ConfigError(f"process component {comp.name} error: incorrect type {comp.type}")
    known = KNOWN_TYPES.get(category)
    if known is not None and comp.type not in known:
        raise ConfigError(
            f"process component {comp.name} error: [INIT_COMPONENT_FAILURE]: initialization error occurred for "
            f"{comp.name} ({comp.type}/{comp.version}): couldn't find {_CATEGORY_NOUN[category]} "
            f"{comp.type}/{comp.version}"
        )
    if comp.type == "pubsub.kafka":
        pubsub_settings(comp, app_id)
    elif comp.type == "state.postgresql":
        if not (comp.get("connectionString") or comp.get("url") or comp.get("host")):
            raise comp.failure("missing connection string")
    elif comp.type == "secretstores.local.file":
        if not comp.get("secretsFile"):
            raise comp.failure("missing local secrets file in metadata")


def _bool(comp: Component, key: str, default: bool) -> bool:
    v = comp.get(key)
    if v is None or v == "":
        return default
    try:
        return gocompat.parse_bool(v)
    except ValueError:
        raise comp.failure(f"kafka error: invalid value for {key}: {v}") from None


def _duration(comp: Component, key: str, default: float) -> float:
    """kit metadata durations: Go duration, or a bare number of milliseconds."""
    v = comp.get(key)
    if v is None or v == "":
        return default
    if re.fullmatch(r"\d+", v):
        return int(v) / 1000.0
    try:
        return gocompat.parse_go_duration(v)
    except ValueError:
        raise comp.failure(f"kafka error: invalid duration for {key}: {v}") from None


def _scope_map(value: str | None) -> dict[str, list[str]] | None:
    """`app1=t1,t2;app2=t3` (RT pkg/scopes)."""
    if not value:
        return None
    out: dict[str, list[str]] = {}
    for part in value.split(";"):
        if "=" not in part:
            continue
        app, topics = part.split("=", 1)
        out[app.strip()] = [t.strip() for t in topics.split(",") if t.strip()]
    return out


def _list(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [t.strip() for t in value.split(",") if t.strip()]


def pubsub_settings(comp: Component, app_id: str) -> PubSubSettings:
    """getKafkaMetadata's checks and defaults; other pub/sub types get the same knobs."""
    kafka = comp.type == "pubsub.kafka"
    brokers = comp.get("brokers") or ""
    if kafka:
        if not brokers:
            raise comp.failure("kafka error: missing 'brokers' attribute")
        auth = comp.get("authType") or ""
        if not auth and comp.get("authRequired"):
            auth = "password" if _bool(comp, "authRequired", False) else "none"
        if not auth:
            raise comp.failure("kafka error: 'authType' attribute was missing or empty")
        if auth.lower() not in KAFKA_AUTH_TYPES:
            raise comp.failure(f"kafka error: invalid authType: {auth}")
        if auth.lower() == "password":
            if not comp.get("saslUsername"):
                raise comp.failure("kafka error: missing SASL Username for authType 'password'")
            if not comp.get("saslPassword"):
                raise comp.failure("kafka error: missing SASL Password for authType 'password'")
    offset = comp.get("initialOffset") or "newest"
    if offset.lower() not in ("newest", "oldest"):
        raise comp.failure(f"kafka error: invalid initialOffset: {offset}")
    regex = comp.get("excludeHeaderMetaRegex")
    try:
        compiled = re.compile(regex) if regex else None
    except re.error:
        raise comp.failure(f"kafka error: invalid excludeHeaderMetaRegex: {regex}") from None
    max_retries = comp.get("backOffMaxRetries")
    try:
        retries = int(max_retries) if max_retries not in (None, "") else -1
    except ValueError:
        raise comp.failure(f"kafka error: invalid backOffMaxRetries: {max_retries}") from None
    cluster = f"kafka://{brokers}" if kafka else f"{comp.type}://{comp.name}@{app_id}"
    return PubSubSettings(
        cluster=cluster,
        consumer_group=comp.get("consumerGroup") or comp.get("consumerID") or app_id,
        initial_offset=offset.lower(),
        consume_retry_enabled=_bool(comp, "consumeRetryEnabled", True),
        backoff_policy=(comp.get("backOffPolicy") or "constant").lower(),
        backoff_duration=_duration(comp, "backOffDuration", 5.0),
        backoff_max_retries=retries,
        backoff_initial_interval=_duration(comp, "backOffInitialInterval", 0.5),
        backoff_max_interval=_duration(comp, "backOffMaxInterval", 60.0),
        exclude_header_regex=compiled,
        escape_headers=_bool(comp, "escapeHeaders", False),
        session_timeout=_duration(comp, "sessionTimeout", 10.0),
        publishing_scopes=_scope_map(comp.get("publishingScopes")),
        subscription_scopes=_scope_map(comp.get("subscriptionScopes")),
        allowed_topics=_list(comp.get("allowedTopics")),
        protected_topics=_list(comp.get("protectedTopics")) or [],
    )


def _read_secret_file(comp: Component) -> dict[str, str]:
    path = comp.get("secretsFile") or ""
    sep = comp.get("nestedSeparator") or ":"
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError) as e:
        raise comp.failure(f"failed to read local secrets file {path}: {e}") from None
    flat: dict[str, str] = {}

    def walk(prefix: str, v):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(f"{prefix}{sep}{k}" if prefix else str(k), x)
        else:
            flat[prefix] = v if isinstance(v, str) else json.dumps(v)

    walk("", data)
    return flat


def _subscription(doc: dict, src: str) -> Subscription:
    api = str(doc.get("apiVersion", ""))
    spec = doc.get("spec") or {}
    name = (doc.get("metadata") or {}).get("name", "")
    pubsubname = str(spec.get("pubsubname") or "")
    topic = str(spec.get("topic") or "")
    if not topic:
        raise ConfigError(f"subscription {name} in {src}: topic is required")
    rules: list[Rule] = []
    default_path = ""
    if api.endswith("v1alpha1"):
        default_path = str(spec.get("route") or "")
    else:
        routes = spec.get("routes") or {}
        for r in routes.get("rules") or []:
            rules.append(Rule(str(r.get("match") or ""), str(r.get("path") or "")))
        default_path = str(routes.get("default") or "")
    metadata = {str(k): str(v) for k, v in (spec.get("metadata") or {}).items()}
    return Subscription(
        pubsubname=pubsubname,
        topic=topic,
        rules=rules,
        default_path=default_path,
        dead_letter_topic=str(spec.get("deadLetterTopic") or ""),
        metadata=metadata,
        kind="DECLARATIVE",
        bulk=dict(spec.get("bulkSubscribe") or {}),
    )


def subscription_from_json(entry: dict) -> Subscription | None:
    """One element of GET /dapr/subscribe (SubscriptionJSON); None when it has no route at all."""
    routes = entry.get("routes") or {}
    rules = [Rule(str(r.get("match") or ""), str(r.get("path") or "")) for r in routes.get("rules") or []]
    default_path = str(routes.get("default") or "") or str(entry.get("route") or "")
    if not rules and not default_path:
        return None
    return Subscription(
        pubsubname=str(entry.get("pubsubname") or ""),
        topic=str(entry.get("topic") or ""),
        rules=rules,
        default_path=default_path,
        dead_letter_topic=str(entry.get("deadLetterTopic") or ""),
        metadata={str(k): str(v) for k, v in (entry.get("metadata") or {}).items()},
        kind="PROGRAMMATIC",
        bulk=dict(entry.get("bulkSubscribe") or {}),
    )


def _status_ranges(text: str) -> list[tuple[int, int]]:
    out = []
    for part in str(text).split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            lo, hi = part.split("-", 1)
            out.append((int(lo), int(hi)))
        else:
            out.append((int(part), int(part)))
    return out


def _dur(value, default: float) -> float:
    if value in (None, ""):
        return default
    if isinstance(value, (int, float)):
        return float(value) / 1000.0
    return gocompat.parse_go_duration(str(value))


def _resiliency(doc: dict, res: Resources) -> None:
    spec = doc.get("spec") or {}
    policies = spec.get("policies") or {}
    retries: dict[str, RetryPolicy] = {}
    for name, p in (policies.get("retries") or {}).items():
        p = p or {}
        matching = p.get("matching") or {}
        codes = matching.get("httpStatusCodes")
        try:
            retries[name] = RetryPolicy(
                name=name,
                policy=str(p.get("policy") or "constant").lower(),
                duration=_dur(p.get("duration"), 1.0),
                initial_interval=_dur(p.get("initialInterval"), 0.5),
                max_interval=_dur(p.get("maxInterval"), 60.0),
                max_retries=int(p.get("maxRetries", -1)),
                http_status_codes=_status_ranges(codes) if codes else None,
            )
        except ValueError as e:
            raise ConfigError(f"resiliency {doc.get('metadata', {}).get('name')}: retry {name}: {e}") from None
    timeouts: dict[str, float] = {}
    for name, t in (policies.get("timeouts") or {}).items():
        timeouts[name] = _dur(t, 0)
    for comp, directions in ((spec.get("targets") or {}).get("components") or {}).items():
        for direction, store in (("inbound", res.inbound), ("outbound", res.outbound)):
            d = (directions or {}).get(direction)
            if not d:
                continue
            retry = retries.get(d.get("retry")) if d.get("retry") else None
            timeout = d.get("timeout")
            secs = timeouts.get(timeout) if timeout in timeouts else (_dur(timeout, 0) if timeout else None)
            store[comp] = ComponentPolicy(retry=retry, timeout=secs or None)


def _tracing_enabled(config_file: str | None) -> bool:
    """`dapr run` without --config uses ~/.dapr/config.yaml, whose samplingRate is "1"."""
    if not config_file:
        return True
    try:
        docs = list(yaml.safe_load_all(Path(config_file).read_text()))
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"loading configuration {config_file}: {e}") from None
    for d in docs:
        if isinstance(d, dict) and d.get("kind") == "Configuration":
            rate = ((d.get("spec") or {}).get("tracing") or {}).get("samplingRate", "0")
            try:
                return float(rate) > 0
            except ValueError:
                return False
    return False
