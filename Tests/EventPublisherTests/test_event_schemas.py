"""What EventPublisher emits validates against assets/schemas and the AsyncAPI document.

Fixtures/emitted-events.json is kept equal to what the Swift code emits by EmittedSamplesTests
(swift test); this checks that file against the schemas, and checks that the schemas refuse what the
contract forbids.
"""

import copy
import json
import pathlib

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "assets" / "schemas"
BASE = "https://todo-chat.example/schemas/"
TOPICS = {
    "task-events": ["task.created", "task.updated", "task.deleted", "task.status.changed", "task.due.date.changed"],
    "reminders": ["reminder.scheduled", "reminder.removed", "reminder.triggered", "reminder.failed"],
    "task-updates": ["task.sync", "task.assignee.changed", "task.comments.updated"],
}
TYPES = [t for ts in TOPICS.values() for t in ts]


def load_schemas():
    return {p.name: json.loads(p.read_text()) for p in sorted(SCHEMAS.glob("*.json"))}


def validator(name="cloudevent.json"):
    schemas = load_schemas()
    registry = Registry().with_resources(
        (BASE + file, Resource.from_contents(schema)) for file, schema in schemas.items()
    )
    return jsonschema.Draft202012Validator(
        schemas[name], registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def emitted():
    return json.loads((ROOT / "Tests/EventPublisherTests/Fixtures/emitted-events.json").read_text())


def test_every_schema_is_a_valid_json_schema():
    schemas = load_schemas()
    assert set(schemas) == {"cloudevent.json", "common.json"} | {t + ".json" for t in TYPES}
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_the_samples_cover_every_type():
    assert sorted(e["type"] for e in emitted()) == sorted(TYPES)


@pytest.mark.parametrize("event", emitted(), ids=lambda e: e["type"])
def test_what_we_emit_validates(event):
    errors = [e.message for e in validator().iter_errors(event)]
    assert errors == []


@pytest.mark.parametrize(
    "change, why",
    [
        (lambda e: e.update(correlationId=e.pop("correlationid")), "camel-case extension name"),
        (lambda e: e.pop("subject"), "no subject"),
        (lambda e: e.update(subject="3f2a"), "subject without task/"),
        (lambda e: e.update(sequence=1), "sequence as a number"),
        (lambda e: e.update(time="2026-11-18 11:06:40"), "not RFC 3339"),
        (lambda e: e.update(specversion="0.3"), "old specversion"),
        (lambda e: e["data"].pop("taskId"), "payload without taskId"),
        (lambda e: e["data"].update(priority="p1"), "priority outside the enum"),
        (lambda e: e["data"].pop("timeZone"), "dueDate without timeZone"),
    ],
)
def test_the_schemas_refuse_what_the_contract_forbids(change, why):
    event = copy.deepcopy(next(e for e in emitted() if e["type"] == "task.created"))
    change(event)
    assert list(validator().iter_errors(event)), why


def test_asyncapi_names_three_topics_their_dead_letters_and_every_type_once():
    doc = yaml.safe_load((ROOT / "assets/asyncapi.yaml").read_text())
    assert doc["asyncapi"].startswith("3.")
    addresses = {c["address"]: c for c in doc["channels"].values()}
    assert set(addresses) == set(TOPICS) | {t + "-dlq" for t in TOPICS}
    messages = doc["components"]["messages"]
    for topic, types in TOPICS.items():
        for address in (topic, topic + "-dlq"):
            names = [messages[m["$ref"].rsplit("/", 1)[1]]["name"] for m in addresses[address]["messages"].values()]
            assert sorted(names) == sorted(types)
    for message in messages.values():
        for part in message["payload"]["allOf"]:
            if "$ref" in part:
                assert (ROOT / "assets" / part["$ref"]).resolve().is_file()
        data_ref = message["payload"]["allOf"][1]["properties"]["data"]["$ref"]
        assert (ROOT / "assets" / data_ref).resolve().is_file()
        assert data_ref.endswith(message["name"] + ".json")
