"""`todo-chat parse`: one JSON object per input line, same order, with the keys the issue fixes.

Runs the binary `make build` produced (swift build --build-tests builds every product).
"""
import json
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
KEYS = ["intent", "title", "due", "recurrence", "duration_seconds", "priority", "tags", "reminder", "spans"]


@pytest.fixture(scope="module")
def binary() -> pathlib.Path:
    bin_path = subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    exe = pathlib.Path(bin_path) / "todo-chat"
    if not exe.exists():
        pytest.fail(f"{exe} is missing: run `swift build` first")
    return exe


def run(binary, lines, *args, tz="Europe/Berlin"):
    out = subprocess.run(
        [str(binary), "parse", "--reference", "2026-11-27T10:00", "--tz", tz, *args],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    assert len(out) == len(lines)
    return [json.loads(line) for line in out]


def test_one_object_per_line_in_order_with_the_contract_keys(binary):
    rows = run(
        binary,
        [
            "pay rent every month on the 1st at 9am #home p1",
            "buy milk tomorrow",
            "",
            "dentist next friday at 3:30pm for 1 hour",
            "call Jan",
        ],
    )
    for row in rows:
        assert list(row)[: len(KEYS)] == KEYS
    assert rows[0]["intent"] == "add"
    assert rows[0]["title"] == "pay rent"
    assert rows[0]["due"] == "2026-12-01T09:00"
    assert rows[0]["recurrence"] == "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0"
    assert rows[0]["priority"] == "urgent"
    assert rows[0]["tags"] == ["home"]
    assert rows[1]["due"] == "2026-11-28"
    assert rows[2]["intent"] == "invalid"
    assert rows[3]["due"] == "2026-12-04T15:30"
    assert rows[3]["duration_seconds"] == 3600
    assert rows[4] == rows[4] | {"title": "call Jan", "due": None, "recurrence": None}
    spans = rows[1]["spans"]
    assert [(s["kind"], s["start"], s["end"]) for s in spans] == [("title", 0, 8), ("date", 9, 17)]


def test_jsonl_lines_carry_their_own_reference_and_bad_lines_do_not_abort(binary):
    rows = run(
        binary,
        [
            json.dumps({"text": "gym tomorrow", "reference": "2026-02-28T09:00"}),
            "{not json",
            json.dumps({"text": "gym tomorrow"}),
            json.dumps({"reference": "2026-11-27T10:00"}),
            json.dumps({"text": "gym tomorrow", "reference": "yesterday"}),
            json.dumps({"text": "every monday at 9am", "reference": "2026-11-27T10:00", "tz": "Asia/Tokyo"}),
        ],
        "--jsonl",
    )
    assert rows[0]["due"] == "2026-03-01"
    assert "error" in rows[1]
    assert rows[2]["due"] == "2026-11-28"
    assert "error" in rows[3]
    assert "error" in rows[4]
    assert rows[5]["recurrence"] == "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
    assert rows[5]["due"] == "2026-11-30T09:00"


def test_a_megabyte_line_gets_an_answer(binary):
    rows = run(binary, ["x" * 1_048_576, "buy milk"])
    assert rows[0]["intent"] == "invalid"
    assert "at most" in rows[0]["message"]
    assert rows[1]["title"] == "buy milk"


def test_reminders_and_relative_reminders_render(binary):
    rows = run(binary, ["dentist friday 3pm remind me 30 minutes before", "remind me to call mom at 6pm"])
    assert rows[0]["reminder"] == "-PT30M"
    assert rows[1]["reminder"] == "PT0M"
    assert rows[1]["due"] == "2026-11-27T18:00"


def test_commands_without_a_task_list_still_name_their_intent(binary):
    rows = run(binary, ["complete 3", "move 3 to friday", "rename 2 to x", "change oil every 6 months"])
    assert [r["intent"] for r in rows] == ["complete", "reschedule", "rename", "add"]
    assert rows[1]["due"] == "2026-12-04"
    assert rows[2]["title"] == "x"
    assert "no tasks" in rows[0]["message"]
    assert rows[3]["title"] == "change oil"


def test_lines_given_as_arguments_are_parsed_without_reading_stdin(binary):
    out = subprocess.run(
        [str(binary), "parse", "--reference", "2026-11-27T10:00", "--tz", "UTC", "call mom tomorrow 10", "buy milk"],
        input="this line must not be read\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    rows = [json.loads(line) for line in out]
    assert [(r["title"], r["due"]) for r in rows] == [("call mom", "2026-11-28T10:00"), ("buy milk", None)]


def test_without_a_reference_now_in_the_given_zone_is_used(binary):
    out = subprocess.run(
        [str(binary), "parse", "--tz", "Pacific/Kiritimati", "pay rent today"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    today = subprocess.run(
        ["date", "+%Y-%m-%d"], env={"TZ": "Pacific/Kiritimati"}, capture_output=True, text=True, check=True
    ).stdout.strip()
    # Kiritimati is UTC+14: for 14 hours of each UTC day its date is already the next one.
    assert json.loads(out)["due"] == today
