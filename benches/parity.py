"""Behavioural parity report: ferrolite vs the reference litellm 1.109.1.

Runs the same calls through both implementations against the loopback mock provider and diffs
what user code sees (dumps, attributes, hidden params, stream chunks, exceptions, request bodies).

    python3 benches/parity.py [case ...]        # all cases by default
    python3 benches/parity.py --list            # case names
    python3 benches/parity.py --raw case ...    # both normalised documents, undiffed

Needs target/debug/ferrolite-mock (already built), .venv (ferrolite) and benches/.ref-venv
(litellm 1.109.1). Stdlib only. Always exits 0: it is a report, not a gate.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MOCK = os.path.join(ROOT, "target", "debug", "ferrolite-mock")
IMPLS = {
    # name -> (python, scenario-id tag, extra env)
    "ferrolite": (os.path.join(ROOT, ".venv", "bin", "python"), "FLIMPL", {}),
    "litellm": (
        os.path.join(ROOT, "benches", ".ref-venv", "bin", "python"),
        "REFIMPL",
        {"LITELLM_LOCAL_MODEL_COST_MAP": "True"},
    ),
}
WORKER_TIMEOUT = 300  # seconds for one interpreter running every case
CASE_TIMEOUT = 30  # per case, enforced inside the worker with SIGALRM

# --------------------------------------------------------------------------------------------
# The worker: runs inside each interpreter, prints one JSON line per case.
# --------------------------------------------------------------------------------------------
WORKER = r'''
import json, signal, sys, time, traceback, urllib.request

PORT, TAG, CASE_TIMEOUT = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
CASES = sys.argv[4:]
MSGS = [{"role": "user", "content": "Say something."}]
SYS_MSGS = [{"role": "system", "content": "Be brief."}] + MSGS
TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather",
          "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                         "required": ["city"]}}}]
IGNORED_HEADERS = {"user-agent", "host", "content-length", "accept", "accept-encoding",
                   "connection", "x-request-id", "traceparent"}

import litellm  # noqa: E402  (after argv parsing so import errors surface per worker)


def j(v, depth=0):
    """JSON-able view of what user code sees (type names kept for non-primitive objects)."""
    if depth > 12:
        return "<deep>"
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if isinstance(v, dict):
        return {str(k): j(x, depth + 1) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [j(x, depth + 1) for x in v]
    if hasattr(v, "model_dump"):
        try:
            return {"__type__": type(v).__name__, **j(v.model_dump(), depth + 1)}
        except Exception as e:  # pragma: no cover
            return {"__type__": type(v).__name__, "__dump_error__": repr(e)}
    return {"__type__": type(v).__name__, "__repr__": repr(v)[:200]}


def attempt(f):
    try:
        return j(f())
    except Exception as e:
        return {"__raises__": type(e).__name__}


def base(spec, provider="openai"):
    url = "http://127.0.0.1:%d/s/%s" % (PORT, spec)
    return url + "/v1" if provider == "openai" else url


def sent(sid):
    with urllib.request.urlopen("http://127.0.0.1:%d/__stats/%s" % (PORT, sid), timeout=5) as r:
        st = json.load(r)
    hdrs = {k: v for k, v in (st.get("last_headers") or {}).items()
            if k not in IGNORED_HEADERS and not k.startswith("x-stainless")}
    return {"requests": st.get("requests"), "path": st.get("last_path"),
            "body": st.get("last_body"), "headers": hdrs}


def hidden(obj):
    hp = getattr(obj, "_hidden_params", None)
    if not isinstance(hp, dict):
        return {"__type__": type(hp).__name__}
    return {"keys": sorted(hp), "custom_llm_provider": hp.get("custom_llm_provider"),
            "api_base": hp.get("api_base"), "response_cost": hp.get("response_cost"),
            "additional_headers_keys": sorted(hp.get("additional_headers") or {})}


def describe_response(r):
    msg = r.choices[0].message
    out = {
        "type": type(r).__name__,
        "model_dump": j(r.model_dump()),
        "model_dump_json": json.loads(r.model_dump_json()),
        "usage_dict": attempt(lambda: dict(r.usage)),
        "hidden_params": hidden(r),
        "message_dump": attempt(msg.model_dump),
        "hasattr_msg_refusal": hasattr(msg, "refusal"),
        "hasattr_resp_usage": hasattr(r, "usage"),
        "hasattr_choice_logprobs": hasattr(r.choices[0], "logprobs"),
        "getitem_content": attempt(lambda: r["choices"][0]["message"]["content"]),
        "choice_type": type(r.choices[0]).__name__,
        "message_type": type(msg).__name__,
        "n_choices": len(r.choices),
    }
    if getattr(msg, "tool_calls", None):
        tc = msg.tool_calls[0]
        out["tool_call0"] = {"type": type(tc).__name__, "function_type": type(tc.function).__name__,
                             "name": tc.function.name, "arguments": tc.function.arguments,
                             "getitem_name": attempt(lambda: tc["function"]["name"])}
    return out


def describe_stream(s, messages):
    chunks, per_chunk = [], []
    for c in s:
        chunks.append(c)
        per_chunk.append({"type": type(c).__name__, "model_dump": j(c.model_dump()),
                          "hasattr_usage": hasattr(c, "usage")})
    built = litellm.stream_chunk_builder(chunks, messages=messages)
    return {"wrapper_type": type(s).__name__, "wrapper_hidden_params": hidden(s),
            "n_chunks": len(chunks), "chunks": per_chunk,
            "built": None if built is None else {"type": type(built).__name__,
                                                 "model_dump": j(built.model_dump()),
                                                 "hasattr_usage": hasattr(built, "usage")}}


def describe_error(e):
    resp = getattr(e, "response", None)
    return {"raised": type(e).__name__,
            "mro": [c.__module__.split(".")[0] + "." + c.__name__ for c in type(e).__mro__],
            "status_code": getattr(e, "status_code", "<absent>"),
            "llm_provider": getattr(e, "llm_provider", "<absent>"),
            "model": getattr(e, "model", "<absent>"),
            "str_prefix": str(e).split(" - ", 1)[0] + " - " if " - " in str(e) else str(e),
            "str": str(e),
            "response_status_code": getattr(resp, "status_code", "<absent>"),
            "body_type": type(getattr(e, "body", None)).__name__ if hasattr(e, "body") else "<absent>"}


# ---- case definitions: name -> (kind, kwargs builder) -----------------------------------
def oa(spec, **kw):
    sid = TAG + "-" + CUR
    return sid, dict(model="openai/gpt-4o", messages=MSGS, api_key="sk-parity", max_retries=0,
                     api_base=base("id=%s,%s" % (sid, spec) if spec else "id=" + sid), **kw)


def an(spec, **kw):
    sid = TAG + "-" + CUR
    kw.setdefault("messages", MSGS)
    return sid, dict(model="anthropic/claude-sonnet-4-5-20250929", api_key="sk-ant-parity",
                     max_retries=0, api_base=base("id=%s,%s" % (sid, spec) if spec else "id=" + sid,
                                                  "anthropic"), **kw)


def mock(**kw):
    return None, dict(model="gpt-4o", messages=MSGS, **kw)


MOCK_TC = [{"id": "call_abc", "type": "function",
            "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}]

CASE_DEFS = {
    "oa_plain": lambda: oa("reply=Hello%20there"),
    "oa_n2": lambda: oa("", n=2),
    "oa_tools1": lambda: oa("tools=1", tools=TOOLS, tool_choice="auto"),
    "oa_usage_details": lambda: oa("cache_read=3", temperature=0.2, max_tokens=50),
    "oa_stream": lambda: oa("chunks=3", stream=True),
    "oa_stream_usage": lambda: oa("chunks=3", stream=True, stream_options={"include_usage": True}),
    "oa_stream_tools2": lambda: oa("tools=2", stream=True, tools=TOOLS),
    "an_plain": lambda: an(""),
    "an_system": lambda: an("", messages=SYS_MSGS, max_tokens=100),
    "an_cache": lambda: an("cache_read=3,cache_write=2"),
    "an_tools1": lambda: an("tools=1", tools=TOOLS),
    "an_json": lambda: an("reply=%7B%22a%22%3A1%7D", response_format={"type": "json_object"}),
    "an_json_schema": lambda: an("reply=%7B%22a%22%3A1%7D", response_format={
        "type": "json_schema", "json_schema": {"name": "x", "schema": {
            "type": "object", "properties": {"a": {"type": "integer"}}}}}),
    "an_stream_usage": lambda: an("chunks=3", stream=True, stream_options={"include_usage": True}),
    "mock_sync": lambda: mock(mock_response="hi"),
    "mock_stream": lambda: mock(mock_response="hi there, friend", stream=True),
    "mock_n2": lambda: mock(mock_response="hi", n=2),
    "mock_tool_calls": lambda: mock(mock_tool_calls=MOCK_TC),
    "err_oa_400": lambda: oa("status=400"),
    "err_oa_401": lambda: oa("status=401"),
    "err_oa_404": lambda: oa("status=404"),
    "err_oa_429_quota": lambda: oa("error=quota"),
    "err_oa_429": lambda: oa("status=429"),
    "err_oa_500": lambda: oa("status=500"),
    "err_oa_503": lambda: oa("status=503"),
    "err_oa_context": lambda: oa("error=context"),
    "err_oa_content_policy": lambda: oa("error=content_policy"),
    "err_an_401": lambda: an("status=401"),
    "err_an_429": lambda: an("status=429"),
    "err_an_529": lambda: an("status=529"),
    "err_an_context": lambda: an("error=context"),
}

if CASES == ["--list"]:
    print(json.dumps(list(CASE_DEFS)))
    sys.exit(0)


def on_alarm(*_):
    raise TimeoutError("case exceeded %ss" % CASE_TIMEOUT)


signal.signal(signal.SIGALRM, on_alarm)
for CUR in CASES:
    out = {"case": CUR}
    signal.alarm(CASE_TIMEOUT)
    try:
        sid, kw = CASE_DEFS[CUR]()
        try:
            r = litellm.completion(**kw)
            if kw.get("stream"):
                out["stream"] = describe_stream(r, kw["messages"])
            else:
                out["response"] = describe_response(r)
        except Exception as e:
            if isinstance(e, TimeoutError) and "case exceeded" in str(e):
                raise
            out["error"] = describe_error(e)
        if sid:
            out["sent"] = sent(sid)
    except Exception as e:
        out["worker_failure"] = "".join(traceback.format_exception_only(type(e), e)).strip()
    finally:
        signal.alarm(0)
    print(json.dumps(out, default=repr), flush=True)
'''

# --------------------------------------------------------------------------------------------
# Normalisation and diffing
# --------------------------------------------------------------------------------------------
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
MOCK_SEQ = re.compile(r"(mock[-_])\d+")  # chatcmpl-mock-7, call_mock_7_0, req_mock_7
FLOAT_KEYS = {"response_cost", "cost"}


def normalise(v, tag, key=None):
    if isinstance(v, dict):
        return {k: normalise(x, tag, k) for k, x in v.items()}
    if isinstance(v, list):
        return [normalise(x, tag) for x in v]
    if isinstance(v, str):
        v = v.replace(tag, "<impl>")
        v = UUID.sub("<uuid>", v)
        return MOCK_SEQ.sub(r"\1<n>", v)
    if key == "created" and isinstance(v, int) and abs(v - time.time()) < 86400:
        return "<now>"  # litellm stamps stream chunks with its own clock
    if key == "_response_ms":
        return "<ms>"
    return v


def same(a, b, key):
    if key in FLOAT_KEYS and isinstance(a, float) and isinstance(b, float):
        return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    return type(a) is type(b) and a == b


MISSING = "<missing>"


def diff(a, b, path=""):
    """Yields (path, ferrolite value, litellm value) for every leaf that differs."""
    if path.endswith("keys") and isinstance(a, list) and isinstance(b, list):
        only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        if only_a or only_b:  # key lists compare as sets: show what is only on each side
            yield (path + " (only on each side)", only_a, only_b)
    elif isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            yield from diff(a.get(k, MISSING), b.get(k, MISSING), f"{path}.{k}" if path else k)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield (path + ".len", len(a), len(b))
        for i in range(min(len(a), len(b))):
            yield from diff(a[i], b[i], f"{path}[{i}]")
    elif not same(a, b, path.rsplit(".", 1)[-1]):
        yield (path, a, b)


# Differences that docs/compatibility.md documents as deliberate: (path regex, test, label).
# They are still printed, marked [documented], and do not stop a case counting as matching.
LITELLM_BOOKKEEPING = {
    "_response_ms",
    "callback_duration_ms",
    "litellm_call_id",
    "litellm_overhead_time_ms",
}
DOCUMENTED = [
    (
        r"hidden_params\.keys",
        lambda fl, ll: not fl and set(ll) <= LITELLM_BOOKKEEPING,
        "_hidden_params lacks litellm's call ids and overhead timings",
    ),
    (
        r"^error\.body_type$",
        lambda fl, ll: fl == "dict" and ll == "NoneType",
        "deviation 8: e.body always carries the provider's error body",
    ),
]


def documented(path, x, y):
    for rx, test, label in DOCUMENTED:
        if re.search(rx, path) and test(x, y):
            return label
    return None


def collapse(diffs):
    """Folds identical differences on several stream chunks into one line: chunks[0,2,3]."""
    groups = {}
    for path, x, y in diffs:
        m = CHUNK_IDX.search(path)
        key = (
            CHUNK_IDX.sub("chunks[*]", path),
            json.dumps(x, default=repr),
            json.dumps(y, default=repr),
        )
        groups.setdefault(key, [path, x, y, []])[3].append(m.group(1) if m else None)
    out = []
    for path, x, y, idx in groups.values():
        if len(idx) > 1:
            path = CHUNK_IDX.sub("chunks[{}]".format(",".join(idx)), path)
        out.append((path, x, y))
    return out


CHUNK_IDX = re.compile(r"chunks\[(\d+)\]")


def short(v, n=160):
    s = json.dumps(v, default=repr) if not isinstance(v, str) or v == MISSING else json.dumps(v)
    if v == MISSING:
        s = MISSING
    return s if len(s) <= n else s[: n - 3] + "..."


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------
def start_mock():
    p = subprocess.Popen(
        [MOCK, "--port", "0", "--exit-on-stdin-eof"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = p.stdout.readline()
    if not line.startswith("LISTENING"):
        p.kill()
        raise SystemExit(f"mock did not start: {line!r}")
    return p, int(line.split()[1])


def run_worker(impl, script, port, cases):
    python, tag, env = IMPLS[impl]
    e = dict(os.environ, **env)
    e.pop("OPENAI_API_KEY", None), e.pop("ANTHROPIC_API_KEY", None)
    try:
        cp = subprocess.run(
            [python, script, str(port), tag, str(CASE_TIMEOUT)] + cases,
            capture_output=True,
            text=True,
            timeout=WORKER_TIMEOUT,
            env=e,
            cwd=tempfile.gettempdir(),
        )
        out, err = cp.stdout, cp.stderr
    except subprocess.TimeoutExpired as t:
        out, err = (
            (t.stdout or b"").decode() if isinstance(t.stdout, bytes) else (t.stdout or ""),
            "timeout",
        )
    results = {}
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                d = json.loads(line)
                results[d["case"]] = normalise(d, tag)
            except (ValueError, KeyError):
                pass
    return results, err


def main(argv):
    with tempfile.NamedTemporaryFile("w", suffix="_parity_worker.py", delete=False) as f:
        f.write(WORKER)
        script = f.name
    mock, port = start_mock()
    try:
        if argv[:1] == ["--list"]:
            print(
                "\n".join(
                    json.loads(
                        subprocess.run(
                            [IMPLS["ferrolite"][0], script, str(port), "x", "1", "--list"],
                            capture_output=True,
                            text=True,
                            timeout=60,
                        ).stdout
                    )
                )
            )
            return
        raw = argv[:1] == ["--raw"]
        argv = argv[1:] if raw else argv
        cases = argv or json.loads(
            subprocess.run(
                [IMPLS["ferrolite"][0], script, str(port), "x", "1", "--list"],
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout
        )
        with ThreadPoolExecutor(2) as ex:
            futs = {impl: ex.submit(run_worker, impl, script, port, cases) for impl in IMPLS}
            res = {impl: f.result() for impl, f in futs.items()}
    finally:
        mock.stdin.close()
        try:
            mock.wait(timeout=5)
        except subprocess.TimeoutExpired:
            mock.kill()
        os.unlink(script)

    fl, ll = res["ferrolite"][0], res["litellm"][0]
    if raw:  # --raw: print both normalised documents instead of the diff
        for case in cases:
            for impl, docs in (("ferrolite", fl), ("litellm", ll)):
                print(f"#### {case} / {impl}")
                print(json.dumps(docs.get(case), indent=1, default=repr))
        return
    identical = only_documented = 0
    print(f"parity: ferrolite vs litellm 1.109.1 ({len(cases)} cases)\n")
    for case in cases:
        a, b = fl.get(case), ll.get(case)
        if a is None or b is None:
            print(f"== {case}: NO RESULT (ferrolite={a is not None} litellm={b is not None})")
            continue
        diffs = collapse(diff(a, b))
        if not diffs:
            identical += 1
            print(f"== {case}: identical")
            continue
        notes = [documented(p, x, y) for p, x, y in diffs]
        if all(notes):
            only_documented += 1
        tag = " (all documented)" if all(notes) else ""
        print(f"== {case}: {len(diffs)} difference(s){tag}")
        for (path, x, y), note in zip(diffs, notes, strict=False):
            print(
                "   {}: ferrolite {}  vs  litellm {}{}".format(
                    path, short(x), short(y), f"  [documented: {note}]" if note else ""
                )
            )
    print(
        f"\n{identical}/{len(cases)} cases identical, "
        f"{only_documented} more differ only by documented deviations"
    )
    for impl, (_, err) in res.items():
        tail = [line for line in err.strip().splitlines() if line.strip()][-5:]
        if tail and any(c not in (fl if impl == "ferrolite" else ll) for c in cases):
            print("\n{} worker stderr (tail):\n  {}".format(impl, "\n  ".join(tail)))


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Exception as exc:  # a report, never a gate
        print(f"parity.py failed: {exc!r}")
    sys.exit(0)
