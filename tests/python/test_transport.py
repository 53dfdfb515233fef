"""The engine's bounds and the transport settings users set: caps on bodies and stream lines,
durations from user input and provider headers, contained panics, proxies (a loopback proxy
this test starts), TLS verification against a loopback TLS front, Azure token providers and
the httpx-session settings ferrolite cannot use."""

import base64
import json
import selectors
import socket
import ssl
import subprocess
import threading
import warnings

import litellm
import pytest
from conftest import USER, run_python

# --- bounds -------------------------------------------------------------------------------


def test_a_huge_mock_delay_is_a_clear_error():
    r = run_python(
        "import litellm\n"
        "try:\n"
        "    litellm.completion(model='gpt-4o', messages=[{'role':'user','content':'x'}],"
        " mock_response='y', mock_delay=1e300)\n"
        "except litellm.BadRequestError as e:\n"
        "    print('OK', 'mock_delay' in str(e))\n"
    )
    assert r.stdout.split() == ["OK", "True"], r.stderr
    assert r.stderr == ""


@pytest.mark.parametrize("bad", [float("nan"), -1])
def test_a_negative_or_nan_timeout_is_a_clear_error(bad):
    with pytest.raises(litellm.BadRequestError, match="timeout"):
        litellm.completion(model="gpt-4o", messages=USER, mock_response="x", timeout=bad)


def test_an_enormous_retry_after_does_not_overflow(mock, sid):
    r = litellm.completion(
        model="openai/gpt-4o",
        messages=USER,
        api_key="k",
        api_base=mock.base(f"id={sid},status=429,retry_after=1e300,fail_times=1"),
    )
    assert r.choices[0].message.content
    assert mock.stats(sid)["requests"] == 2


def test_an_oversized_body_is_a_clear_error(mock, sid):
    litellm.max_response_body_bytes = 2000
    try:
        with pytest.raises(litellm.APIError, match="max_response_body_bytes"):
            litellm.completion(
                model="openai/gpt-4o",
                messages=USER,
                api_key="k",
                api_base=mock.base(f"id={sid},reply_bytes=20000"),
            )
    finally:
        del litellm.max_response_body_bytes


def test_an_endless_stream_line_is_a_clear_error(mock, sid):
    litellm.max_stream_line_bytes = 2000
    try:
        stream = litellm.completion(
            model="openai/gpt-4o",
            messages=USER,
            api_key="k",
            stream=True,
            api_base=mock.base(f"id={sid},reply_bytes=50000,chunks=1"),
        )
        with pytest.raises(litellm.APIError, match="max_stream_line_bytes"):
            for _ in stream:
                pass
    finally:
        del litellm.max_stream_line_bytes


def test_a_panic_in_the_pump_ends_the_stream_with_api_error(mock):
    code = (
        "import logging, litellm\n"
        "logging.getLogger('LiteLLM').addHandler(logging.NullHandler())\n"
        f"s = litellm.completion(model='openai/gpt-4o', messages=[{{'role':'user','content':'x'}}],"
        f" api_key='k', stream=True, api_base={mock.base('chunks=3')!r})\n"
        "try:\n"
        "    list(s)\n"
        "except litellm.APIError as e:\n"
        "    print('APIError', e.status_code, e.llm_provider)\n"
    )
    r = run_python(code, env={"FERROLITE_FAIL_POINT": "panic_in_pump"})
    assert r.stdout.split() == ["APIError", "500", "openai"], r.stderr
    assert "panicked" not in r.stderr
    assert "RUST_BACKTRACE" not in r.stderr


def test_async_streams_end_with_api_error_on_a_panic_too(mock):
    code = (
        "import asyncio, logging, litellm\n"
        "logging.getLogger('LiteLLM').addHandler(logging.NullHandler())\n"
        "async def main():\n"
        f"    s = await litellm.acompletion(model='openai/gpt-4o',"
        f" messages=[{{'role':'user','content':'x'}}], api_key='k', stream=True,"
        f" api_base={mock.base('chunks=3')!r})\n"
        "    try:\n"
        "        async for _ in s:\n"
        "            pass\n"
        "    except litellm.APIError as e:\n"
        "        print('APIError', e.status_code)\n"
        "asyncio.run(main())\n"
    )
    r = run_python(code, env={"FERROLITE_FAIL_POINT": "panic_in_pump"})
    assert r.stdout.split() == ["APIError", "500"], r.stderr
    assert "panicked" not in r.stderr


# --- a loopback proxy ---------------------------------------------------------------------


def _pipe(a, b):
    # selectors, not select.select: the test process may hold file descriptors above 1024.
    sel = selectors.DefaultSelector()
    sel.register(a, selectors.EVENT_READ, b)
    sel.register(b, selectors.EVENT_READ, a)
    try:
        while True:
            ready = sel.select(5)
            if not ready:
                return
            for key, _ in ready:
                data = key.fileobj.recv(65536)
                if not data:
                    return
                key.data.sendall(data)
    except OSError:
        return
    finally:
        sel.close()
        a.close()
        b.close()


class LoopbackProxy:
    """An HTTP proxy on 127.0.0.1: CONNECT tunnels and absolute-form forwarding."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.seen = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(65536)
            if not chunk:
                conn.close()
                return
            head += chunk
        line = head.split(b"\r\n", 1)[0].decode()
        method, target, _ = line.split(" ", 2)
        self.seen.append((method, target))
        if method == "CONNECT":
            host, port = target.rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            rest = head.split(b"\r\n\r\n", 1)[1]
            if rest:
                upstream.sendall(rest)
        else:
            # http://host:port/path -> origin form to host:port
            hostport, _, path = target.split("://", 1)[1].partition("/")
            host, port = hostport.rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)))
            upstream.sendall(head.replace(target.encode(), b"/" + path.encode(), 1))
        _pipe(conn, upstream)

    def close(self):
        self.server.close()


@pytest.fixture
def proxy():
    p = LoopbackProxy()
    yield p
    p.close()


def test_http_proxy_carries_plain_http_calls(mock, sid, proxy, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    r = litellm.completion(
        model="openai/gpt-4o", messages=USER, api_key="k", api_base=mock.base(f"id={sid}")
    )
    assert r.choices[0].message.content
    assert any(m == "POST" and f"id={sid}" in t for m, t in proxy.seen), proxy.seen


def test_no_proxy_bypasses_the_proxy(mock, sid, proxy, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    litellm.completion(
        model="openai/gpt-4o", messages=USER, api_key="k", api_base=mock.base(f"id={sid}")
    )
    assert proxy.seen == []


def test_socks_proxies_are_a_clear_error(mock, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "socks5://127.0.0.1:1080")
    with pytest.raises(litellm.BadRequestError, match="SOCKS"):
        litellm.completion(
            model="openai/gpt-4o", messages=USER, api_key="k", api_base=mock.base("reply=x")
        )


# --- TLS: a loopback TLS front for the mock ------------------------------------------------


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    """(CA bundle, leaf certificate, leaf key): a throwaway CA and a 127.0.0.1 certificate."""
    d = tmp_path_factory.mktemp("tls")

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=d)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
            "/CN=ferrolite test CA", "-keyout", "ca.key", "-out", "ca.pem")  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "leaf.key", "-out", "leaf.csr")  # fmt: skip
    (d / "ext.cnf").write_text("basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "leaf.pem")  # fmt: skip
    return str(d / "ca.pem"), str(d / "leaf.pem"), str(d / "leaf.key")


@pytest.fixture
def tls_front(mock, cert):
    """https://127.0.0.1:<port> terminating TLS in front of the mock."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert[1], cert[2])
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def serve():
        while True:
            try:
                raw, _ = server.accept()
            except OSError:
                return
            try:
                conn = ctx.wrap_socket(raw, server_side=True)
            except (ssl.SSLError, OSError):
                raw.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", mock.port))
            threading.Thread(target=_pipe, args=(conn, upstream), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    yield f"https://127.0.0.1:{port}"
    server.close()


def _https_call(base, sid):
    return litellm.completion(
        model="openai/gpt-4o", messages=USER, api_key="k", api_base=f"{base}/s/id={sid}/v1"
    )


def test_an_unknown_certificate_is_refused(tls_front, sid):
    with pytest.raises(litellm.APIConnectionError):
        _https_call(tls_front, sid)


def test_ssl_verify_with_a_ca_bundle(tls_front, cert, sid):
    litellm.ssl_verify = cert[0]
    assert _https_call(tls_front, sid).choices[0].message.content


def test_ssl_cert_file_is_honoured(tls_front, cert, sid, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", cert[0])
    assert _https_call(tls_front, sid).choices[0].message.content


def test_ssl_verify_false(tls_front, sid):
    litellm.ssl_verify = False
    assert _https_call(tls_front, sid).choices[0].message.content


def test_https_proxy_tunnels_with_connect(tls_front, cert, sid, proxy, monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    litellm.ssl_verify = cert[0]
    assert _https_call(tls_front, sid).choices[0].message.content
    assert [m for m, _ in proxy.seen] == ["CONNECT"]


# --- credentials from Python ---------------------------------------------------------------


def _jwt(exp):
    def b64(d):
        return base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()

    return f"{b64({'alg': 'none'})}.{b64({'exp': exp})}."


def _azure(mock, sid, provider):
    return litellm.completion(
        model="azure/my-deployment",
        messages=USER,
        api_base=mock.base(f"id={sid},flavor=azure", suffix=""),
        azure_ad_token_provider=provider,
    )


def test_azure_ad_token_provider_is_called_and_cached_until_expiry(mock, sid):
    calls = []

    def provider():
        calls.append(1)
        return _jwt(4_000_000_000)

    _azure(mock, sid, provider)
    _azure(mock, sid, provider)
    assert len(calls) == 1
    assert mock.stats(sid)["requests"] == 2


def test_tokens_without_a_readable_expiry_are_not_cached(mock, sid):
    calls = []

    def provider():
        calls.append(1)
        return "opaque-token"

    _azure(mock, sid, provider)
    _azure(mock, sid, provider)
    assert len(calls) == 2


def test_a_failing_token_provider_is_an_authentication_error(mock, sid):
    def provider():
        raise RuntimeError("no identity")

    with pytest.raises(litellm.AuthenticationError, match="no identity"):
        _azure(mock, sid, provider)


# --- settings ferrolite cannot use ---------------------------------------------------------


def test_client_session_warns_once_naming_what_to_use(monkeypatch):
    monkeypatch.setattr(litellm, "client_session", object())
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        litellm.completion(model="gpt-4o", messages=USER, mock_response="x")
        litellm.completion(model="gpt-4o", messages=USER, mock_response="x")
    texts = [str(w.message) for w in seen if "client_session" in str(w.message)]
    assert len(texts) <= 1
    # Another process sees the warning exactly once.
    r = run_python(
        "import warnings, litellm\nwarnings.simplefilter('always')\n"
        "litellm.aclient_session = object()\n"
        "for _ in range(2):\n"
        "    litellm.completion(model='gpt-4o', messages=[{'role':'user','content':'x'}],"
        " mock_response='y')\n"
    )
    assert r.stderr.count("aclient_session") == 1, r.stderr
    assert "ssl_verify" in r.stderr
