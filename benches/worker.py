"""One measurement, run inside the interpreter under test (ferrolite's venv or the reference
litellm's). Prints one JSON line. Invoked by bench.py; not meant to be run by hand."""

import asyncio
import json
import resource
import sys
import time

MESSAGES = [{"role": "user", "content": "Say something."}]


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


MODEL = "openai/gpt-4o"  # the provider family under test (`--model` sets it)


def kwargs(base):
    return dict(model=MODEL, messages=MESSAGES, api_base=base, api_key="sk-bench", max_retries=0)


def sync_calls(base, n, warm):
    import litellm

    for _ in range(warm):
        r = litellm.completion(**kwargs(base))
    c0, t0 = cpu(), time.perf_counter()
    total = 0
    for _ in range(n):
        r = litellm.completion(**kwargs(base))
        total += len(r.choices[0].message.content) + r.usage.total_tokens
    return {
        "cpu_us_per_call": (cpu() - c0) * 1e6 / n,
        "wall_us_per_call": (time.perf_counter() - t0) * 1e6 / n,
    }


def concurrent(base, n, rounds):
    import litellm

    async def one():
        s = time.perf_counter()
        r = await litellm.acompletion(**kwargs(base))
        assert r.choices[0].message.content
        return time.perf_counter() - s

    async def round_():
        t0 = time.perf_counter()
        lat = await asyncio.gather(*[one() for _ in range(n)])
        return time.perf_counter() - t0, lat

    async def main():
        await round_()  # warm round
        walls, lats = [], []
        for _ in range(rounds):
            w, lat = await round_()
            walls.append(w)
            lats.extend(lat)
        return walls, lats

    walls, lats = asyncio.run(main())
    walls.sort()
    lats.sort()
    return {
        "wall_ms": walls[len(walls) // 2] * 1e3,
        "p50_ms": lats[len(lats) // 2] * 1e3,
        "p99_ms": lats[int((len(lats) - 1) * 0.99)] * 1e3,
    }


def stream(base, repeats, mode):
    import litellm

    def sync_once():
        n = 0
        for chunk in litellm.completion(stream=True, **kwargs(base)):
            if chunk.choices and chunk.choices[0].delta.content:
                n += 1
        return n

    async def async_once():
        n = 0
        s = await litellm.acompletion(stream=True, **kwargs(base))
        async for chunk in s:
            if chunk.choices and chunk.choices[0].delta.content:
                n += 1
        return n

    if mode == "sync":
        sync_once()
        c0 = cpu()
        for _ in range(repeats):
            chunks = sync_once()
        spent = cpu() - c0
    else:

        async def main():
            await async_once()
            c0 = cpu()
            for _ in range(repeats):
                n = await async_once()
            return cpu() - c0, n

        spent, chunks = asyncio.run(main())
    return {"cpu_us_per_stream": spent * 1e6 / repeats, "chunks": chunks}


def embedding_calls(base, n, warm):
    import litellm

    kw = dict(
        model="openai/text-embedding-3-small",
        input=["The quick brown fox", "jumps over the lazy dog"],
        api_base=base,
        api_key="sk-bench",
        max_retries=0,
    )
    for _ in range(warm):
        litellm.embedding(**kw)
    c0 = cpu()
    for _ in range(n):
        r = litellm.embedding(**kw)
        assert len(r.data) == 2
    return {"cpu_us_per_call": (cpu() - c0) * 1e6 / n}


def conversation_of(tokens):
    """A chat of about `tokens` tokens (gpt-4o's o200k), alternating user and assistant."""
    sentence = "The committee reviewed the quarterly figures and asked for a revised plan. "
    turns = []
    while len(turns) * 14 * 6 < tokens:
        role = "user" if len(turns) % 2 == 0 else "assistant"
        turns.append({"role": role, "content": sentence * 6})
    return turns


def token_counting(n):
    import litellm

    messages = conversation_of(10_000)
    count = litellm.token_counter(model="gpt-4o", messages=messages)
    c0 = cpu()
    for _ in range(n):
        litellm.token_counter(model="gpt-4o", messages=messages)
    return {"cpu_us_per_call": (cpu() - c0) * 1e6 / n, "tokens": count}


def pricing(n):
    import litellm

    r = litellm.completion(model="gpt-4o", messages=MESSAGES, mock_response="priced")
    c0 = cpu()
    for _ in range(n):
        cost = litellm.completion_cost(completion_response=r)
    return {"cpu_us_per_call": (cpu() - c0) * 1e6 / n, "cost": cost}


def main():
    global MODEL
    if "--model" in sys.argv:
        i = sys.argv.index("--model")
        MODEL = sys.argv[i + 1]
        del sys.argv[i : i + 2]
    mode = sys.argv[1]
    if mode == "sync":
        out = sync_calls(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "conc":
        out = concurrent(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "embedding":
        out = embedding_calls(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "tokens":
        out = token_counting(int(sys.argv[2]))
    elif mode == "cost":
        out = pricing(int(sys.argv[2]))
    elif mode in ("stream-sync", "stream-async"):
        out = stream(sys.argv[2], int(sys.argv[3]), mode.split("-")[1])
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
