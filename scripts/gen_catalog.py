#!/usr/bin/env python3
"""Generate src/cost/model_catalog.json, the model catalog embedded in the ferrolite binary.

Reads the public price/context-window map (default: ../shared/reference/
model_prices_and_context_window.json beside the repository), drops the schema
documentation entry `sample_spec`, validates every entry and writes a minified
JSON object that keeps the source's key order and every field of every entry
(`litellm.model_cost` exposes this dict shape unchanged).

Validation (a malformed entry is reported on stderr, naming its key, and skipped):
  * the value is an object and the key is a non-empty string that JSON writes
    without escapes (the Rust side borrows keys straight from the embedded text);
  * `litellm_provider` is present and is such a string;
  * `mode`, when present, is one of KNOWN_MODES;
  * token limits and other counts (`max_*`, rpm, tpm, ...) are finite numbers >= 0;
  * every field whose name contains "cost" is a finite number >= 0, or an object
    whose numeric leaves all are;
  * `supports_*` flags are booleans; no NaN/Infinity anywhere.
Non-model metadata keys (NON_MODEL_KEYS, e.g. `fallback_generalizations`) are
kept verbatim after a shape check; the Rust catalog ignores them as models.

Usage: python3 scripts/gen_catalog.py [--source PATH] [--out PATH] [--check]
  --check  write nothing; exit 1 if the output file is missing or would change.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "reference" / "model_prices_and_context_window.json"
DEFAULT_OUT = REPO_ROOT / "src" / "cost" / "model_catalog.json"

DROPPED_KEYS = {"sample_spec"}

KNOWN_MODES = {
    "audio_speech",
    "audio_transcription",
    "chat",
    "completion",
    "decisions",
    "embedding",
    "evaluation",
    "extraction",
    "guardrail",
    "image_edit",
    "image_generation",
    "moderation",
    "ocr",
    "realtime",
    "rerank",
    "responses",
    "search",
    "vector_store",
    "video_generation",
}

COUNT_FIELDS = {"rpm", "tpm", "output_vector_size", "prompt_cache_min_tokens"}


class Malformed(Exception):
    pass


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_finite(value: object, where: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise Malformed(f"{where} is not a finite number ({value!r})")
    if isinstance(value, dict):
        for k, v in value.items():
            _check_finite(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_finite(v, f"{where}[{i}]")


def _needs_escape(text: str) -> bool:
    return any(c in '"\\' or ord(c) < 0x20 for c in text)


def _check_plain_string(value: object, what: str) -> None:
    if not isinstance(value, str) or not value:
        raise Malformed(f"{what} must be a non-empty string, got {value!r}")
    if _needs_escape(value):
        raise Malformed(f"{what} {value!r} contains characters JSON must escape")


def _check_cost(value: object, where: str) -> None:
    if _is_number(value):
        if value < 0:
            raise Malformed(f"{where} is negative ({value!r})")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_cost(v, f"{where}.{k}")
    else:
        raise Malformed(f"{where} must be a number, got {type(value).__name__}")


def validate_model(key: str, entry: object) -> None:
    _check_plain_string(key, "key")
    if not isinstance(entry, dict):
        raise Malformed(f"entry must be an object, got {type(entry).__name__}")
    _check_finite(entry, "entry")
    if "litellm_provider" not in entry:
        raise Malformed("litellm_provider is missing")
    _check_plain_string(entry["litellm_provider"], "litellm_provider")
    if "mode" in entry and entry["mode"] not in KNOWN_MODES:
        raise Malformed(f"mode {entry['mode']!r} is not one of {sorted(KNOWN_MODES)}")
    for field, value in entry.items():
        if field.startswith("max_") or field in COUNT_FIELDS:
            if not _is_number(value) or value < 0:
                raise Malformed(f"{field} must be a number >= 0, got {value!r}")
        elif "cost" in field:
            _check_cost(value, field)
        elif field.startswith("supports_") and not isinstance(value, bool):
            raise Malformed(f"{field} must be a boolean, got {value!r}")


def validate_fallback_generalizations(key: str, entry: object) -> None:
    if not isinstance(entry, dict) or not isinstance(entry.get("rules"), list):
        raise Malformed("expected an object with a 'rules' list")
    _check_finite(entry, "entry")
    for i, rule in enumerate(entry["rules"]):
        if not isinstance(rule, dict):
            raise Malformed(f"rules[{i}] must be an object")
        for field in ("name", "pattern"):
            if not isinstance(rule.get(field), str):
                raise Malformed(f"rules[{i}].{field} must be a string")


NON_MODEL_KEYS = {"fallback_generalizations": validate_fallback_generalizations}


def load_source(path: Path) -> dict:
    # object_pairs_hook runs for every object, innermost first, so the last call
    # builds the top level: remember the duplicate keys of the latest call only.
    last_duplicates: list[str] = []

    def hook(pairs: list) -> dict:
        obj: dict = {}
        last_duplicates.clear()
        for k, v in pairs:
            if k in obj:
                last_duplicates.append(k)
            obj[k] = v
        return obj

    with path.open(encoding="utf-8") as f:
        data = json.load(f, object_pairs_hook=hook)
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: top level must be a JSON object")
    for key in last_duplicates:
        print(f"warning: key {key!r} appears more than once; the last wins", file=sys.stderr)
    return data


def build(source: dict) -> tuple[dict, list[str]]:
    catalog: dict = {}
    problems: list[str] = []
    for key, entry in source.items():
        if key in DROPPED_KEYS:
            continue
        validator = NON_MODEL_KEYS.get(key, validate_model)
        try:
            validator(key, entry)
        except Malformed as exc:
            problems.append(f"skipped {key!r}: {exc}")
            continue
        catalog[key] = entry
    return catalog, problems


def render(catalog: dict) -> str:
    return json.dumps(catalog, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the output would change")
    args = parser.parse_args(argv)

    source = load_source(args.source)
    catalog, problems = build(source)
    for line in problems:
        print(line, file=sys.stderr)
    text = render(catalog)

    if args.check:
        try:
            current = args.out.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{args.out} is out of date; run scripts/gen_catalog.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date ({len(catalog)} keys)")
        return 0

    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)
    print(
        f"wrote {args.out}: {len(catalog)} keys, {len(text.encode())} bytes, "
        f"{len(problems)} skipped"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
