"""Comparing ferrolite's response objects with litellm 1.109.1's recorded ones.

data/litellm_objects.json holds, per case of object_cases.py, what litellm gave (recorded
with ``object_cases.py`` in a litellm virtualenv). ``compare`` lists the differences of our
objects from it that KNOWN_DIFFERENCES does not explain, and the entries of KNOWN_DIFFERENCES
that no longer occur (so the list stays true when the engine catches up).
"""

import json
import re
from pathlib import Path

import object_cases as oc

RECORDED = json.loads((Path(__file__).parent / "data" / "litellm_objects.json").read_text())
assert RECORDED["litellm"] == "1.109.1"

# Fields litellm keeps as extras that are declared fields in the pydantic family (read on
# every chunk, so a plain attribute lookup instead of pydantic's __getattr__). Dumps and
# fields set are the same; model_fields and model_extra differ (docs/compatibility.md).
DECLARED_HERE = {
    "StreamingChoices": ("finish_reason", "index", "delta", "logprobs"),
    "Delta": ("content", "role", "function_call", "tool_calls", "audio"),
}

# Why a difference is expected. Engine: the values the engine produces differ from litellm's
# (not the classes); listed in docs/compatibility.md.
SDK_CHUNK = "engine: litellm passes the openai SDK's chunk fields (None) through"
REFUSAL = "engine: chunk deltas carry no refusal; first-chunk provider_specific_fields set-ness"
FIRST_CHUNK = "provider_specific_fields counts as set on chunks with content (litellm: per path)"
AZURE_FILTER = "engine: Azure content_filter_results stay on the choice"
STREAM_MODEL = "engine: Azure chunks report the requested deployment, litellm the served model"
NATIVE_FINISH = "engine: Anthropic choices carry provider_specific_fields.native_finish_reason"
ANTHROPIC_USAGE = "engine: Anthropic usage extras (iterations, inference_geo, speed, service_tier)"
ANTHROPIC_DETAILS = "engine: litellm sets every Anthropic prompt-details count, None included"
TOOL_INDEX = "engine: litellm gives Anthropic tool calls an index"
TOOL_CHUNKS = "engine: Anthropic tool-call argument fragments come in fewer chunks"
BUILDER = "engine: stream_chunk_builder counts usage differently (tool calls, details, cost)"
EMPTY_CONTENT = "engine: stream_chunk_builder leaves tool-call-only content None, litellm ''"
GROQ = "engine: litellm's groq path keeps the prefix, drops logprobs/provider_specific_fields"
GROQ_ORDER = "litellm's groq path builds Message with refusal in its declared position"
MOCK_FP = "litellm leaves the fingerprint unset on its own closing chunk of a mock stream"
ORDER = "extra kwargs come after the declared chunk fields in dumps (DECLARED_HERE)"
CLOSING_FP = "litellm leaves the fingerprint unset on the closing chunk it adds to a Gemini stream"
COHERE_TOOLS = "engine: Cohere's TOOL_CALL finish is tool_calls (litellm 1.109.1 reports stop)"

_OPENAI_CHUNKS = [
    (r"\$\.(moderation|obfuscation|service_tier): missing", SDK_CHUNK),
    (r"^shape\$\.(fields_set|extra): ", SDK_CHUNK),
    (r"delta\.refusal: missing", REFUSAL),
    (r"^shape\$.*delta\.(extra|fields_set)", REFUSAL),
]
_ANTHROPIC = [
    (r"choices\[i\]\.provider_specific_fields: unexpected", NATIVE_FINISH),
    (r"^shape\$\.children\.choices\[i\]\.dict: ", NATIVE_FINISH),
    (r"usage\.(iterations|inference_geo|speed): missing", ANTHROPIC_USAGE),
    (r"^shape\$\.children\.usage\.(extra|fields_set): ", ANTHROPIC_USAGE),
    (r"prompt_tokens_details\.(\w+\.)?\w+: missing \(expected None\)", ANTHROPIC_DETAILS),
    (r"^shape\$.*prompt_tokens_details\.(children\.cache_creation_token_details\.)?fields_set", ANTHROPIC_DETAILS),
]  # fmt: skip
_ANTHROPIC_STREAM_USAGE = [
    (r"usage\.service_tier: unexpected", ANTHROPIC_USAGE),
    (r"^shape\$\.children\.usage\.(extra|fields_set): ", ANTHROPIC_USAGE),
]

# case -> [(pattern, reason)]; a pattern is searched in each normalised difference line
# ("<part>$<path>: ..." with every list index written [i]).
KNOWN_DIFFERENCES = {
    "openai_stream": _OPENAI_CHUNKS,
    "openai_stream_usage": _OPENAI_CHUNKS,
    "openai_stream_tools": [
        *_OPENAI_CHUNKS,
        (r"delta\.provider_specific_fields: unexpected None", FIRST_CHUNK),
    ],
    "openai_builder_tools": [
        (r"usage\.(completion_tokens|total_tokens): ", BUILDER),
        (r"usage\.cost: ", BUILDER),
    ],
    "azure_plain": [
        (r"content_filter_results: (missing|unexpected)", AZURE_FILTER),
        (r"^shape\$\.children\.choices\[i\]\.(extra|fields_set): ", AZURE_FILTER),
    ],
    "azure_stream": [
        *_OPENAI_CHUNKS,
        (r"content_filter_results: missing", AZURE_FILTER),
        (r"^shape\$\.children\.choices\[i\]\.(extra|fields_set): ", AZURE_FILTER),
        (r"\$\.model: 'my-deploy'", STREAM_MODEL),
    ],
    "anthropic_plain": _ANTHROPIC,
    "anthropic_cache": _ANTHROPIC,
    "anthropic_tools": [
        *_ANTHROPIC,
        (r"tool_calls\[i\]\.index: missing", TOOL_INDEX),
        (r"^shape\$.*tool_calls\[i\]\.(extra|fields_set): ", TOOL_INDEX),
    ],
    "anthropic_stream": _ANTHROPIC_STREAM_USAGE,
    "anthropic_builder": _ANTHROPIC_STREAM_USAGE,
    "anthropic_stream_tools": [(r"\$: 7 items != 9", TOOL_CHUNKS)],
    "anthropic_builder_tools": [
        *_ANTHROPIC_STREAM_USAGE,
        (r"message\.content: None != ''", EMPTY_CONTENT),
    ],
    "groq_plain": [
        (r"\$\.model: 'groq/", GROQ),
        (r"choices\[i\]\.(provider_specific_fields|logprobs): unexpected", GROQ),
        (r"^shape\$\.children\.choices\[i\]\.dict: ", GROQ),
        (r"message: key order ", GROQ_ORDER),
        (r"^shape\$.*message\.dict\[i\]: ", GROQ_ORDER),
    ],
    "groq_stream": [
        (r"delta\.refusal: missing", REFUSAL),
        (r"^shape\$.*delta\.(extra|fields_set)", REFUSAL),
        (r"delta\.provider_specific_fields: missing", FIRST_CHUNK),
    ],
    "mock_stream": [
        (r"\$\.system_fingerprint: unexpected None", MOCK_FP),
        (r"^shape\$\.fields_set: ", MOCK_FP),
    ],
    "gemini_stream": (
        _GEMINI_CHUNKS := [
            (r"\$\.system_fingerprint: unexpected None", CLOSING_FP),
            (r"^shape\$\.fields_set: ", CLOSING_FP),
        ]
    ),
    "gemini_stream_usage": _GEMINI_CHUNKS,
    "cohere_tools": [(r"choices\[i\]\.finish_reason: 'tool_calls' != 'stop'", COHERE_TOOLS)],
    "gemini_stream_tools": _GEMINI_CHUNKS,
    "StreamingChoices_args": [(r"key order ", ORDER)],
    "Delta_everything": [(r"key order ", ORDER)],
}

PARTS = ("dump", "dump_json_mode", "dump_json", "shape", "revalidated")


def _move_declared(shape):
    """litellm's shape with DECLARED_HERE fields moved from the extras into __dict__."""
    if isinstance(shape, list):
        return [_move_declared(s) for s in shape]
    if not isinstance(shape, dict):
        return shape
    shape = dict(shape)
    declared = DECLARED_HERE.get(shape["class"])
    if declared:
        moved = [k for k in declared if k in shape["extra"]]
        shape["dict"] = shape["dict"] + moved
        shape["extra"] = [k for k in shape["extra"] if k not in moved]
    if "children" in shape:
        shape["children"] = {k: _move_declared(v) for k, v in shape["children"].items()}
    return shape


def _normalise_line(line):
    # one pattern for every object of a case: "$[3].choices[0]" -> "$.choices[i]"
    line = re.sub(r"^(\w+)\$\[\d+\]", r"\1$", line)
    return re.sub(r"\[\d+\]", "[i]", line)


def differences(case, ours, parts=PARTS):
    """Normalised difference lines of our profiles from litellm's, for `parts`."""
    theirs = [oc.expand(p) for p in RECORDED["cases"][case]]
    lines = []
    for part in parts:
        expected = [p[part] for p in theirs]
        actual = [p[part] for p in ours]
        if part == "shape":
            expected = _move_declared(expected)
        lines += [_normalise_line(part + d) for d in oc.differences(expected, actual)]
    return lines


def compare(case, ours, parts=PARTS, key_order=True):
    """(unexplained differences, stale KNOWN_DIFFERENCES patterns) for `case`.

    ``key_order=False`` leaves the order of keys in dumps out (the light classes list
    declared fields in declaration order, not in litellm's insertion order).
    """
    lines = differences(case, ours, parts)
    known = [(p, r) for p, r in KNOWN_DIFFERENCES.get(case, ()) if _applies(p, parts)]
    if not key_order:
        lines = [ln for ln in lines if "key order " not in ln]
        known = [(p, r) for p, r in known if "key order " not in p]
    unexplained = [ln for ln in lines if not any(re.search(p, ln) for p, _ in known)]
    stale = [p for p, _ in known if not any(re.search(p, ln) for ln in lines)]
    return unexplained, stale


def _applies(pattern, parts):
    # a pattern anchored on one part only applies when that part is compared
    m = re.match(r"\^(\w+)\\\$", pattern)
    return m is None or m.group(1) in parts
