"""Engine behaviour over real HTTP to the mock: timeouts, retries, cancellation, signals,
fork, exit with open streams, and concurrency from threads and event loops."""

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import litellm
import pytest
from conftest import USER, run_python


def call(mock, scenario, **kw):
    kw.setdefault("api_key", "sk-test")
    return litellm.completion(
        model="openai/gpt-4o", messages=USER, api_base=mock.base(scenario), **kw
    )


def wait_for(pred, timeout=3.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.02)
    return pred()


# --- timeouts -----------------------------------------------------------------------------


def test_slow_first_byte_raises_timeout_per_attempt(mock, sid):
    t0 = time.monotonic()
    with pytest.raises(litellm.Timeout) as ei:
        call(mock, f"id={sid},latency_ms=3000", timeout=0.3, max_retries=0)
    assert time.monotonic() - t0 < 1.5
    assert ei.value.status_code == 408
    assert mock.stats(sid)["requests"] == 1


def test_timeouts_are_retried_with_the_default_count(mock, sid):
    with pytest.raises(litellm.Timeout):
        call(mock, f"id={sid},latency_ms=3000", timeout=0.2)
    assert mock.stats(sid)["requests"] == 3


def test_timeout_object_with_connect_and_read(mock, sid):
    class T:
        connect = 5.0
        read = 0.3

    with pytest.raises(litellm.Timeout):
        call(mock, f"id={sid},latency_ms=3000", timeout=T(), max_retries=0)


def test_long_stream_outlives_timeout_but_a_stall_does_not(mock, sid):
    # 8 chunks 100 ms apart = 0.8 s total, timeout 0.3 s per gap: fine.
    s = call(mock, f"id={sid},chunks=8,chunk_delay_ms=100", stream=True, timeout=0.3)
    assert len([c for c in s]) >= 8
    s = call(mock, f"id={sid}b,chunks=8,stall_after=2", stream=True, timeout=0.3)
    got = []
    with pytest.raises(litellm.Timeout):
        for c in s:
            got.append(c)
    assert got  # chunks before the stall were delivered


def test_request_timeout_setting_is_the_default(mock, sid):
    litellm.request_timeout = 0.3
    with pytest.raises(litellm.Timeout):
        call(mock, f"id={sid},latency_ms=3000", max_retries=0)


# --- retries -------------------------------------------------------------------------------


def test_retry_after_is_honoured_and_attempts_are_exact(mock, sid):
    t0 = time.monotonic()
    r = call(mock, f"id={sid},status=429,fail_times=2,retry_after_ms=100")
    elapsed = time.monotonic() - t0
    assert r.choices[0].message.content
    assert mock.stats(sid)["requests"] == 3
    assert 0.18 < elapsed < 1.5  # two 100 ms waits, not the 0.5 s/1 s backoff


def test_exhausted_retries_report_counts(mock, sid):
    with pytest.raises(litellm.InternalServerError) as ei:
        call(mock, f"id={sid},status=500,retry_after=0", max_retries=1)
    assert mock.stats(sid)["requests"] == 2
    assert ei.value.num_retries == 1
    assert "LiteLLM Retried: 1 times" in str(ei.value)


def test_num_retries_beats_max_retries_and_zero_disables(mock, sid):
    with pytest.raises(litellm.RateLimitError):
        call(mock, f"id={sid},status=429,retry_after=0", max_retries=0)
    assert mock.stats(sid)["requests"] == 1
    with pytest.raises(litellm.RateLimitError):
        call(mock, f"id={sid}b,status=429,retry_after=0", num_retries=3, max_retries=0)
    assert mock.stats(sid + "b")["requests"] == 4


def test_module_num_retries(mock, sid):
    litellm.num_retries = 0
    with pytest.raises(litellm.ServiceUnavailableError):
        call(mock, f"id={sid},status=503")
    assert mock.stats(sid)["requests"] == 1


def test_client_errors_are_not_retried(mock, sid):
    for status in (400, 401, 403, 404):
        with pytest.raises(Exception) as ei:
            call(mock, f"id={sid}{status},status={status}")
        assert ei.value.status_code == status
        assert mock.stats(f"{sid}{status}")["requests"] == 1


def test_anthropic_is_not_retried_by_default(mock, sid):
    with pytest.raises(litellm.InternalServerError):
        litellm.completion(
            model="anthropic/claude-sonnet-4-5",
            messages=USER,
            api_base=mock.base(f"id={sid},status=529", suffix=""),
            api_key="k",
        )
    assert mock.stats(sid)["requests"] == 1


def test_stream_errors_before_first_chunk_retry_but_not_after(mock, sid):
    s = call(mock, f"id={sid},status=503,fail_times=1,retry_after=0", stream=True)
    assert "".join(c.choices[0].delta.content or "" for c in s if c.choices)
    assert mock.stats(sid)["requests"] == 2
    s = call(mock, f"id={sid}b,cut_after=2", stream=True)
    # As litellm 1.109.1: a cut stream is a MidStreamFallbackError around the connection error.
    with pytest.raises(litellm.exceptions.MidStreamFallbackError) as ei:
        for _ in s:
            pass
    assert type(ei.value.original_exception) is litellm.APIConnectionError
    assert mock.stats(sid + "b")["requests"] == 1


def test_http_errors_raise_from_the_stream_call(mock, sid):
    with pytest.raises(litellm.AuthenticationError):
        call(mock, f"id={sid},status=401", stream=True)


def test_midstream_error_is_raised_while_iterating(mock, sid):
    s = call(mock, f"id={sid},midstream_error=1", stream=True)
    with pytest.raises(litellm.exceptions.MidStreamFallbackError) as ei:
        for _ in s:
            pass
    # The OpenAI SDK reports the error event as a connection error; litellm wraps it.
    assert type(ei.value.original_exception) is litellm.APIConnectionError
    assert ei.value.status_code == 500
    assert "The server had an error" in str(ei.value)


# --- cancellation ----------------------------------------------------------------------------


def test_cancelling_acompletion_closes_the_upstream_connection(mock, sid):
    async def main():
        task = asyncio.create_task(
            litellm.acompletion(
                model="openai/gpt-4o",
                messages=USER,
                api_base=mock.base(f"id={sid},latency_ms=5000"),
                api_key="k",
            )
        )
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert wait_for(lambda: mock.stats(sid)["disconnects"] == 1)


def test_wait_for_timeout_cancels(mock, sid):
    async def main():
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(
                litellm.acompletion(
                    model="openai/gpt-4o",
                    messages=USER,
                    api_base=mock.base(f"id={sid},latency_ms=5000"),
                    api_key="k",
                ),
                0.3,
            )

    asyncio.run(main())
    assert wait_for(lambda: mock.stats(sid)["disconnects"] == 1)


def test_closing_a_sync_stream_closes_the_connection(mock, sid):
    s = call(mock, f"id={sid},chunks=50,chunk_delay_ms=100", stream=True)
    next(s)
    next(s)
    s.close()
    assert wait_for(lambda: mock.stats(sid)["disconnects"] == 1)
    with pytest.raises(StopIteration):
        next(s)


def test_breaking_out_and_dropping_a_stream_closes_the_connection(mock, sid):
    s = call(mock, f"id={sid},chunks=50,chunk_delay_ms=100", stream=True)
    for i, _ in enumerate(s):
        if i == 1:
            break
    del s
    assert wait_for(lambda: mock.stats(sid)["disconnects"] == 1)


def test_a_sync_stream_is_read_on_another_thread(mock, sid):
    # A sync call's stream reads the provider while its consumer waits for a chunk; the
    # consumer may be a thread other than the one that opened it.
    s = call(mock, f"id={sid},chunks=20,chunk_delay_ms=5", stream=True)
    first = next(s)
    got = []
    t = threading.Thread(target=lambda: got.extend(c.choices[0].delta.content or "" for c in s))
    t.start()
    t.join(10)
    assert not t.is_alive()
    text = (first.choices[0].delta.content or "") + "".join(got)
    assert text == "".join(
        c.choices[0].delta.content or "" for c in call(mock, "chunks=20", stream=True)
    )


def test_a_sync_stream_iterated_with_async_for(mock, sid):
    s = call(mock, f"id={sid},chunks=10,chunk_delay_ms=5", stream=True)

    async def main():
        return [c async for c in s]

    chunks = asyncio.run(main())
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert sum(1 for c in chunks if c.choices and c.choices[0].delta.content) == 10


def test_cancelling_an_async_stream_closes_the_connection(mock, sid):
    async def main():
        s = await litellm.acompletion(
            model="openai/gpt-4o",
            messages=USER,
            api_base=mock.base(f"id={sid},chunks=50,chunk_delay_ms=100"),
            api_key="k",
            stream=True,
        )

        async def consume():
            async for _ in s:
                pass

        task = asyncio.create_task(consume())
        await asyncio.sleep(0.35)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert wait_for(lambda: mock.stats(sid)["disconnects"] == 1)


# --- signals, fork, exit -------------------------------------------------------------------


def assert_ctrl_c_interrupts(mock, sid, prepare, wait):
    """Run `prepare` then `wait` (one line each) in a child; SIGINT must end the wait within
    half a second and close its connection."""
    code = "\n".join(
        [
            "import signal, time, sys, litellm",
            # A background CI job may start us with SIGINT ignored; a terminal user never does.
            "signal.signal(signal.SIGINT, signal.default_int_handler)",
            prepare,
            'print("ready", flush=True)',
            "try:",
            f"    {wait}",
            "except KeyboardInterrupt:",
            '    print("interrupted", time.time(), flush=True)',
            "    sys.exit(0)",
        ]
    )
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "ready"
    time.sleep(0.7)
    sent = time.time()
    p.send_signal(signal.SIGINT)
    out, _ = p.communicate(timeout=10)
    assert p.returncode == 0, out
    word, when = out.split()
    assert word == "interrupted"
    assert float(when) - sent < 0.5
    assert wait_for(lambda: mock.stats(sid)["disconnects"] == 1)


def test_ctrl_c_interrupts_a_waiting_call_quickly(mock, sid):
    base = mock.base(f"id={sid},latency_ms=20000")
    assert_ctrl_c_interrupts(
        mock,
        sid,
        "pass",
        f"litellm.completion(model='openai/gpt-4o', messages=[{{'role': 'user', 'content': 'x'}}],"
        f" api_base='{base}', api_key='k')",
    )


def test_ctrl_c_interrupts_a_sync_stream_waiting_for_a_chunk(mock, sid):
    base = mock.base(f"id={sid},chunks=3,chunk_delay_ms=20000")
    assert_ctrl_c_interrupts(
        mock,
        sid,
        f"s = litellm.completion(model='openai/gpt-4o', messages=[{{'role': 'user', 'content':"
        f" 'x'}}], api_base='{base}', api_key='k', stream=True)",
        "list(s)",
    )


def test_call_fork_call_in_child_and_parent(mock, sid):
    code = textwrap.dedent(
        f"""
        import os, litellm
        kw = dict(model="openai/gpt-4o", messages=[{{"role": "user", "content": "x"}}],
                  api_base="{mock.base(f"id={sid}")}", api_key="k")
        assert litellm.completion(**kw).choices[0].message.content
        pid = os.fork()
        if pid == 0:
            ok = litellm.completion(**kw).choices[0].message.content
            os._exit(0 if ok else 3)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, status
        assert litellm.completion(**kw).choices[0].message.content
        print("ok")
        """
    )
    r = run_python(code, timeout=30)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"
    assert mock.stats(sid)["requests"] == 3


def test_exit_with_an_open_stream_is_clean_and_quick(mock, sid):
    code = textwrap.dedent(
        f"""
        import time, litellm
        s = litellm.completion(model="openai/gpt-4o", messages=[{{"role": "user", "content": "x"}}],
                               api_base="{mock.base(f"id={sid},chunks=100,chunk_delay_ms=200")}",
                               api_key="k", stream=True)
        next(s)
        print(time.time(), flush=True)
        """
    )
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    printed = float(line)
    p.wait(timeout=10)
    assert p.returncode == 0
    assert time.time() - printed < 1.0


# --- concurrency -----------------------------------------------------------------------------


def test_many_threads(mock, sid):
    errors = []
    results = []

    def worker():
        try:
            for _ in range(5):
                r = call(mock, f"id={sid}")
                results.append(r.choices[0].message.content)
        except Exception as e:  # collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors[:3]
    assert len(results) == 1000
    assert mock.stats(sid)["requests"] == 1000


def test_thousand_concurrent_acompletions(mock, sid):
    async def main():
        coros = [
            litellm.acompletion(
                model="openai/gpt-4o",
                messages=USER,
                api_base=mock.base(f"id={sid},latency_ms=50"),
                api_key="k",
            )
            for _ in range(1000)
        ]
        return await asyncio.gather(*coros)

    rs = asyncio.run(main())
    assert len(rs) == 1000
    assert all(r.choices[0].message.content for r in rs)


def test_several_event_loops_in_threads(mock, sid):
    out = []

    def loop_worker():
        async def main():
            rs = await asyncio.gather(
                *[
                    litellm.acompletion(
                        model="openai/gpt-4o",
                        messages=USER,
                        api_base=mock.base(f"id={sid}"),
                        api_key="k",
                    )
                    for _ in range(20)
                ]
            )
            out.extend(rs)

        asyncio.run(main())

    ts = [threading.Thread(target=loop_worker) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(timeout=30)
    assert len(out) == 80


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_async_after_fork_in_child(mock, sid):
    code = textwrap.dedent(
        f"""
        import os, asyncio, litellm
        kw = dict(model="openai/gpt-4o", messages=[{{"role": "user", "content": "x"}}],
                  api_base="{mock.base(f"id={sid}")}", api_key="k")
        asyncio.run(litellm.acompletion(**kw))
        pid = os.fork()
        if pid == 0:
            r = asyncio.run(litellm.acompletion(**kw))
            os._exit(0 if r.choices[0].message.content else 3)
        _, st = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(st))
        """
    )
    r = run_python(code)
    assert r.stdout.strip() == "0", r.stderr
