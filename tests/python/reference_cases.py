"""Replays the values recorded from litellm 1.109.1 (tests/python/reference/<topic>.json)
against ferrolite. Each topic's test file lists the cases where ferrolite deliberately or
knowingly differs; those are strict xfails, so the list stays exact."""

import json
import sys
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parent / "reference"
sys.path.insert(0, str(REFERENCE))

import replay  # noqa: E402


def load(topic):
    return replay.load(REFERENCE / f"{topic}.json")["cases"]


def run(case):
    """What ferrolite gives for `case`, in the recording's shape."""
    return replay.run_case(case, replay.Context(None))


def matches(case):
    return replay.same(run(case), case["expect"])


def params(topic, deviations, select=None):
    """pytest params for every case of `topic` (those `select` accepts); a case named in
    `deviations` (id -> reason, or a predicate on the case returning a reason) is a strict
    xfail."""
    out = []
    for case in load(topic):
        if select is not None and not select(case):
            continue
        reason = deviations(case) if callable(deviations) else deviations.get(case["id"])
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def check(case):
    got = run(case)
    assert replay.same(got, case["expect"]), (
        f"{case['id']}\n got: {json.dumps(got)[:2000]}\nwant: {json.dumps(case['expect'])[:2000]}"
    )


def tally(topic, select=None):
    """(cases compared, cases equal to litellm's)."""
    cases = [c for c in load(topic) if select is None or select(c)]
    return len(cases), sum(1 for c in cases if matches(c))
