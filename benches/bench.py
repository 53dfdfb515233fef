"""ferrolite vs the reference litellm vs a bare Rust client, in one run.

    python3 benches/bench.py            # build, install both, measure, print the table
    python3 benches/bench.py --quick    # fewer iterations (smoke run)

Builds the release wheel, the release mock provider and the bare Rust client; installs
ferrolite and the reference litellm 1.109.1 into their own virtualenvs under benches/; runs
every measurement in fresh processes against the mock (its own process, loopback only); prints
a Markdown table with ratios, the machine and its load average.

The reference is litellm 1.109.1 with its frozen package set, installed with --no-deps by
benches/refvenv.py (its certifi pin names a release the registry lacks).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import refvenv

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FERRO_VENV = HERE / ".venv-ferrolite"
# The same wheel without pydantic (and openai): response objects are the light classes.
BARE_VENV = HERE / ".venv-ferrolite-bare"
REF_VENV = refvenv.REF_VENV
RELEASE = ROOT / "target" / "release"
REFERENCE = refvenv.REFERENCE


def run(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, **kw)


def py(venv):
    return str(venv / "bin" / "python")


def setup(skip_reference):
    run(
        ["cargo", "build", "--release", "--bin", "ferrolite-mock", "--example", "bare_client"],
        cwd=ROOT,
    )
    if not FERRO_VENV.exists():
        run([sys.executable, "-m", "venv", str(FERRO_VENV)])
    run([py(FERRO_VENV), "-m", "pip", "install", "-q", "--upgrade", "pip", "maturin>=1.7,<2"])
    wheels = HERE / ".wheels"
    run(
        [str(FERRO_VENV / "bin" / "maturin"), "build", "--release", "-q", "-o", str(wheels)],
        cwd=ROOT,
    )
    wheel = max(wheels.glob("ferrolite-*.whl"), key=lambda p: p.stat().st_mtime)
    # Measured as users run it: pydantic installed (response objects are pydantic models).
    run([py(FERRO_VENV), "-m", "pip", "install", "-q", "pydantic>=2.11"])
    if not BARE_VENV.exists():
        run([sys.executable, "-m", "venv", str(BARE_VENV)])
    for venv in (FERRO_VENV, BARE_VENV):
        run([py(venv), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", str(wheel)])
        # Byte-compile as any normal install would, so imports do not pay for compilation.
        run([py(venv), "-m", "compileall", "-q", str(venv / "lib")])
    if skip_reference:
        return
    refvenv.ensure()


# The mock gets a core of its own and every measured client the others, as a remote provider
# would be. Unpinned, a run flips between same-core and cross-core scheduling, which on this
# kind of machine moves the bare client's sync call between ~15 and ~45 µs of CPU.
_CPUS = sorted(os.sched_getaffinity(0))
MOCK_CPUS = {_CPUS[-1]} if len(_CPUS) > 1 else None
CLIENT_CPUS = set(_CPUS[:-1]) if len(_CPUS) > 1 else None


def pinned(cpus):
    if cpus is None:
        return None
    return lambda: os.sched_setaffinity(0, cpus)


class Mock:
    def __init__(self):
        self.proc = subprocess.Popen(
            [
                str(RELEASE / "ferrolite-mock"),
                "--port",
                "0",
                "--threads",
                "1",
                "--exit-on-stdin-eof",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            preexec_fn=pinned(MOCK_CPUS),
        )
        self.port = int(self.proc.stdout.readline().split()[1])

    def base(self, scenario, suffix="/v1"):
        return f"http://127.0.0.1:{self.port}/s/{scenario}{suffix}"

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=5)


ENV_REF = refvenv.REFERENCE_ENV


# Provider families measured with the same mock bytes in both implementations: (row name,
# model, the base URL's path after the scenario).
FAMILIES = [
    ("OpenAI-compatible host (groq)", "groq/llama-3.1-8b-instant", "/v1"),
    ("Anthropic Messages", "anthropic/claude-sonnet-4-5", ""),
    ("Gemini API", "gemini/gemini-2.5-flash", "/v1beta"),
    ("Ollama chat (NDJSON)", "ollama_chat/llama3.2", ""),
    ("Cohere v2 chat", "cohere_chat/command-r", "/v2/chat"),
]


def worker(python, args, env=None, model=None):
    e = dict(os.environ, **(env or {}))
    extra = ["--model", model] if model else []
    out = subprocess.run(
        [python, str(HERE / "worker.py"), *extra, *map(str, args)],
        capture_output=True,
        text=True,
        env=e,
        timeout=1800,
        preexec_fn=pinned(CLIENT_CPUS),
    )
    if out.returncode != 0:
        raise RuntimeError(f"worker {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bare(args):
    out = subprocess.run(
        [str(RELEASE / "examples" / "bare_client"), *map(str, args)],
        capture_output=True,
        text=True,
        preexec_fn=pinned(CLIENT_CPUS),
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout)


IMPORT_PROBE = (
    "import time, resource, json\n"
    "t = time.perf_counter()\n"
    "import litellm\n"
    "dt = time.perf_counter() - t\n"
    "print(json.dumps([dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))\n"
)
BASE_PROBE = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def measure_import(python, runs, env=None):
    e = dict(os.environ, **(env or {}))
    times, rss = [], []
    for _ in range(runs):
        out = subprocess.run(
            [python, "-c", IMPORT_PROBE], capture_output=True, text=True, env=e, check=True
        )
        dt, maxrss = json.loads(out.stdout.strip().splitlines()[-1])
        times.append(dt)
        rss.append(maxrss)
    base = [
        int(
            subprocess.run(
                [python, "-c", BASE_PROBE], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(5)
    ]
    return {
        "import_ms": statistics.median(times) * 1e3,
        "rss_growth_mb": (statistics.median(rss) - statistics.median(base)) / 1024,
    }


def per_chunk(run_one, chunks, trials=3):
    """CPU per chunk: (a long stream - a one-chunk stream) / (chunks - 1), median of trials."""
    values = []
    for _ in range(trials):
        big = run_one(chunks)
        small = run_one(1)
        values.append((big["cpu_us_per_stream"] - small["cpu_us_per_stream"]) / (chunks - 1))
    return statistics.median(values)


def measure(args):
    mock = Mock()
    results = {"ferrolite": {}, "ferrolite-bare": {}, "reference": {}, "bare": {}}
    impls = [("ferrolite", py(FERRO_VENV), None)]
    if not args.skip_reference:
        impls.append(("reference", py(REF_VENV), ENV_REF))
    n_sync, warm = (300, 30) if args.quick else (2000, 200)
    rounds = 2 if args.quick else 5
    conc = 1000
    chunks = 500
    reps_fast = 5 if args.quick else 60
    try:
        for name, python, env in impls:
            print(f"== {name}: import", file=sys.stderr, flush=True)
            results[name].update(measure_import(python, 5 if args.quick else 21, env))
            if name == "reference":
                print(f"== {name}: sync calls", file=sys.stderr, flush=True)
                results[name]["sync"] = worker(
                    python,
                    ["sync", mock.base("reply_bytes=1000"), max(300, n_sync // 4), warm],
                    env,
                )
            print(f"== {name}: concurrency", file=sys.stderr, flush=True)
            results[name]["conc"] = worker(
                python, ["conc", mock.base("latency_ms=50"), conc, rounds], env
            )
            for mode in ("sync", "async"):
                for pacing, extra, reps in (
                    ("one write", "", reps_fast),
                    ("1 ms apart", ",chunk_delay_ms=1", 3),
                ):
                    trials = 3
                    if name == "reference":
                        reps, trials = min(reps, 3), 1
                    print(f"== {name}: stream {mode} {pacing}", file=sys.stderr, flush=True)

                    def one(k, mode=mode, extra=extra, reps=reps, python=python, env=env):
                        scen = f"chunks={k},reply_bytes={4 * k}{extra}"
                        return worker(python, [f"stream-{mode}", mock.base(scen), reps], env)

                    results[name][f"stream {mode} {pacing}"] = per_chunk(one, chunks, trials)
            print(
                f"== {name}: embedding, token_counter, completion_cost", file=sys.stderr, flush=True
            )
            n_small = max(100, n_sync // (4 if name == "reference" else 1))
            results[name]["embedding"] = worker(
                python, ["embedding", mock.base(""), n_small, warm], env
            )
            results[name]["tokens"] = worker(python, ["tokens", 20 if args.quick else 100], env)
            results[name]["cost"] = worker(python, ["cost", n_small], env)
        # ferrolite's sync calls (with and without pydantic) and the bare client's, interleaved
        # trials, median of each: what one run compares is measured side by side.
        print(
            "== sync calls: ferrolite, without pydantic, bare client", file=sys.stderr, flush=True
        )
        sync_args = ["sync", mock.base("reply_bytes=1000"), n_sync, warm]
        trials = {"ferrolite": [], "ferrolite-bare": [], "bare": []}
        for _ in range(1 if args.quick else 3):
            trials["ferrolite"].append(worker(py(FERRO_VENV), sync_args))
            trials["ferrolite-bare"].append(worker(py(BARE_VENV), sync_args))
            trials["bare"].append(bare(sync_args))
        for name, runs in trials.items():
            results[name]["sync"] = {
                k: statistics.median(r[k] for r in runs) for k in runs[0] if k.endswith("_call")
            }
        for row, model, suffix in FAMILIES:
            print(f"== provider family: {row}", file=sys.stderr, flush=True)
            fam = results.setdefault("families", {}).setdefault(row, {})
            for name, python, env in impls:
                n = max(300, n_sync // (4 if name == "reference" else 1))

                def one(k, python=python, env=env, name=name, suffix=suffix, model=model):
                    reps = 3 if name == "reference" else reps_fast
                    scen = mock.base(f"chunks={k},reply_bytes={4 * k}", suffix)
                    return worker(python, ["stream-sync", scen, reps], env, model)

                try:
                    fam[name] = {
                        "sync": worker(
                            python,
                            ["sync", mock.base("reply_bytes=1000", suffix), n, warm],
                            env,
                            model,
                        )["cpu_us_per_call"],
                    }
                except RuntimeError as err:
                    fam[name] = {"sync": None, "error": str(err)[-300:]}
                try:
                    fam[name]["chunk"] = per_chunk(one, chunks, 1 if name == "reference" else 3)
                except RuntimeError as err:
                    fam[name]["chunk"] = None
                    fam[name]["stream_error"] = str(err)[-300:]
        print("== ferrolite without pydantic: streams", file=sys.stderr, flush=True)

        def bare_one(k, reps=reps_fast):
            scen = f"chunks={k},reply_bytes={4 * k}"
            return worker(py(BARE_VENV), ["stream-sync", mock.base(scen), reps])

        results["ferrolite-bare"]["stream sync one write"] = per_chunk(bare_one, chunks)
        print("== bare client", file=sys.stderr, flush=True)
        results["bare"]["conc"] = bare(["conc", mock.base("latency_ms=50"), conc, rounds])
        for pacing, extra, reps in (
            ("one write", "", reps_fast),
            ("1 ms apart", ",chunk_delay_ms=1", 3),
        ):

            def one(k, extra=extra, reps=reps):
                return bare(["stream", mock.base(f"chunks={k},reply_bytes={4 * k}{extra}"), reps])

            value = per_chunk(one, chunks)
            results["bare"][f"stream sync {pacing}"] = value
            results["bare"][f"stream async {pacing}"] = value
    finally:
        mock.close()
    return results


def family_table(r):
    rows = [
        "| provider family | sync call CPU: ferrolite | reference | reference ÷ ferrolite "
        "| stream CPU per chunk: ferrolite | reference | reference ÷ ferrolite |",
        "|---|---|---|---|---|---|---|",
    ]
    for row, fam in r.get("families", {}).items():
        f, ref = fam.get("ferrolite", {}), fam.get("reference", {})
        ref_chunk = (
            fmt(ref.get("chunk"), " µs")
            if ref.get("chunk") is not None or "stream_error" not in ref
            else "fails"
        )
        rows.append(
            f"| {row} | {fmt(f.get('sync'), ' µs')} | {fmt(ref.get('sync'), ' µs')} "
            f"| {ratio(ref.get('sync'), f.get('sync'))} | {fmt(f.get('chunk'), ' µs')} "
            f"| {ref_chunk} | {ratio(ref.get('chunk'), f.get('chunk'))} |"
        )
    return "\n".join(rows)


def fmt(v, unit=""):
    return "—" if v is None else f"{v:,.1f}{unit}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:,.1f}×"


def table(r):
    f, ref, bare_ = r["ferrolite"], r.get("reference", {}), r["bare"]
    rows = [
        "| measurement | ferrolite | reference litellm | bare Rust | reference ÷ ferrolite | ferrolite ÷ bare |",
        "|---|---|---|---|---|---|",
    ]
    imp_ref = ref.get("import_ms")
    rows.append(
        f"| `import litellm` (median of fresh processes) | {fmt(f['import_ms'], ' ms')} | {fmt(imp_ref, ' ms')} | — | {ratio(imp_ref, f['import_ms'])} | — |"
    )
    rss_ref = ref.get("rss_growth_mb")
    rows.append(
        f"| RSS growth over `python -c pass` | {fmt(f['rss_growth_mb'], ' MB')} | {fmt(rss_ref, ' MB')} | — | {ratio(rss_ref, f['rss_growth_mb'])} | — |"
    )
    fs, rs, bs = (
        f["sync"]["cpu_us_per_call"],
        ref.get("sync", {}).get("cpu_us_per_call"),
        bare_["sync"]["cpu_us_per_call"],
    )
    rows.append(
        f"| sync call CPU (1 KB reply) | {fmt(fs, ' µs')} | {fmt(rs, ' µs')} | {fmt(bs, ' µs')} | {ratio(rs, fs)} | {ratio(fs, bs)} (+{fmt(fs - bs, ' µs')}) |"
    )
    fc, rc, bc = f["conc"], ref.get("conc", {}), bare_["conc"]
    rows.append(
        f"| 1,000 concurrent acompletion, 50 ms mock: wall | {fmt(fc['wall_ms'], ' ms')} | {fmt(rc.get('wall_ms'), ' ms')} | {fmt(bc['wall_ms'], ' ms')} | {ratio(rc.get('wall_ms'), fc['wall_ms'])} | {ratio(fc['wall_ms'], bc['wall_ms'])} |"
    )
    rows.append(
        f"| … p50 / p99 latency | {fmt(fc['p50_ms'])} / {fmt(fc['p99_ms'], ' ms')} | {fmt(rc.get('p50_ms'))} / {fmt(rc.get('p99_ms'), ' ms')} | {fmt(bc['p50_ms'])} / {fmt(bc['p99_ms'], ' ms')} | — | — |"
    )
    amort = (fc["wall_ms"] - 50) * 1000 / 1000
    ref_amort = None if rc.get("wall_ms") is None else (rc["wall_ms"] - 50) * 1000 / 1000
    rows.append(
        f"| … amortised (wall − 50 ms) / 1,000 | {fmt(amort, ' µs')} | {fmt(ref_amort, ' µs')} | {fmt((bc['wall_ms'] - 50), ' µs')} | {ratio(ref_amort, amort)} | — |"
    )
    for key in (
        "stream sync one write",
        "stream sync 1 ms apart",
        "stream async one write",
        "stream async 1 ms apart",
    ):
        a, b, c = f[key], ref.get(key), bare_[key]
        rows.append(
            f"| {key}: CPU per chunk | {fmt(a, ' µs')} | {fmt(b, ' µs')} | {fmt(c, ' µs')} | {ratio(b, a)} | {ratio(a, c)} |"
        )
    nb = r.get("ferrolite-bare", {})
    if nb:
        a = nb["sync"]["cpu_us_per_call"]
        rows.append(
            f"| … sync call CPU without pydantic | {fmt(a, ' µs')} | — | {fmt(bs, ' µs')} | {ratio(rs, a)} | {ratio(a, bs)} |"
        )
        a = nb["stream sync one write"]
        b, c = ref.get("stream sync one write"), bare_["stream sync one write"]
        rows.append(
            f"| … stream sync one write without pydantic: CPU per chunk | {fmt(a, ' µs')} | — | {fmt(c, ' µs')} | {ratio(b, a)} | {ratio(a, c)} |"
        )
    for key, label in (
        ("embedding", "embedding call CPU (2 inputs)"),
        ("tokens", "`token_counter`, 10k-token conversation"),
        ("cost", "`completion_cost(completion_response=...)`"),
    ):
        if key in f:
            a, b = f[key]["cpu_us_per_call"], ref.get(key, {}).get("cpu_us_per_call")
            rows.append(f"| {label} | {fmt(a, ' µs')} | {fmt(b, ' µs')} | — | {ratio(b, a)} | — |")
    return "\n".join(rows)


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="fewer iterations")
    ap.add_argument("--skip-setup", action="store_true", help="reuse the builds and venvs")
    ap.add_argument(
        "--skip-reference", action="store_true", help="measure ferrolite and bare Rust only"
    )
    args = ap.parse_args()
    if not args.skip_setup:
        setup(args.skip_reference)
    load_before = os.getloadavg()
    t0 = time.time()
    results = measure(args)
    load_after = os.getloadavg()
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "latest.json").write_text(json.dumps(results, indent=2))
    print(f"\nMachine: {machine()}; build: release (lto=thin, opt-level=3); reference: {REFERENCE}")
    print(
        f"Load average before: {load_before[0]:.2f}, after: {load_after[0]:.2f}; measured in {time.time() - t0:.0f} s\n"
    )
    print(table(results))
    if results.get("families"):
        print()
        print(family_table(results))


if __name__ == "__main__":
    main()
