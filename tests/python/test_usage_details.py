"""The engine builds `usage.prompt_tokens_details` / `completion_tokens_details` itself when the
provider sent only numbers and nulls; what it builds must equal what the classes' own
constructors build, in whichever family is installed (pydantic models or the light classes):
the same `__dict__` (keys in the same order), fields set, extras and private slots."""

import itertools
import json
import random

import pytest
from litellm._engine import native
from litellm.types.utils import CompletionTokensDetailsWrapper, PromptTokensDetailsWrapper

PROMPT_KEYS = [
    "cached_tokens",
    "audio_tokens",
    "text_tokens",
    "image_tokens",
    "cache_write_tokens",
    "cache_creation_tokens",
    "cache_creation_input_tokens",
    "web_search_requests",
    "character_count",
    "query_count",
    "cache_type",
    "unknown_counter",
]
COMPLETION_KEYS = [
    "reasoning_tokens",
    "audio_tokens",
    "accepted_prediction_tokens",
    "rejected_prediction_tokens",
    "text_tokens",
    "image_tokens",
    "video_tokens",
    "unknown_counter",
]
VALUES = [None, 0, 7, 1536, 2.5]


def state(obj):
    """Everything an instance holds: its class, __dict__ in order, and pydantic's slots."""
    out = {"type": type(obj), "dict": list(obj.__dict__.items())}
    if hasattr(obj, "__pydantic_fields_set__"):
        for slot in ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
            out[slot] = getattr(obj, slot, "<absent>")
    return out


def cases(keys, seed):
    rng = random.Random(seed)
    yield {}
    for k in keys:
        for v in VALUES:
            yield {k: v}
    # The shapes providers send, then random mixes in random orders.
    yield {"cached_tokens": 0, "audio_tokens": 0}
    yield {"reasoning_tokens": 0, "audio_tokens": 0, "accepted_prediction_tokens": 0}
    for _ in range(300):
        picked = rng.sample(keys, rng.randint(1, len(keys)))
        yield {k: rng.choice(VALUES) for k in picked}


@pytest.mark.parametrize(
    ("cls", "keys"),
    [(PromptTokensDetailsWrapper, PROMPT_KEYS), (CompletionTokensDetailsWrapper, COMPLETION_KEYS)],
    ids=["prompt", "completion"],
)
def test_engine_built_details_equal_the_constructor(cls, keys):
    for i, given in enumerate(itertools.islice(cases(keys, 5), 400)):
        built = native().usage_details_from_json(cls.__name__, json.dumps(given))
        expected = cls(**given)
        assert state(built) == state(expected), (i, given)
        assert built == expected, given


def test_non_numeric_details_go_through_the_constructor():
    given = {
        "cached_tokens": 3,
        "cache_type": "ephemeral",
        "cache_creation_token_details": {"ephemeral_5m_input_tokens": 4, "other": 1},
    }
    built = native().usage_details_from_json("PromptTokensDetailsWrapper", json.dumps(given))
    assert state(built) == state(PromptTokensDetailsWrapper(**given))
    assert built.cache_creation_token_details.ephemeral_5m_input_tokens == 4


def test_mirror_survives_the_fast_path():
    built = native().usage_details_from_json(
        "PromptTokensDetailsWrapper", json.dumps({"cache_creation_input_tokens": 9})
    )
    assert built.cache_write_tokens == built.cache_creation_tokens == 9
    built.cache_write_tokens = 2
    assert built.cache_creation_tokens == 2
