"""Small stand-ins for `httpx.Request` / `httpx.Response` used on exceptions.

litellm exceptions always carry `e.response` / `e.request` objects. When neither openai nor
httpx is installed (ferrolite has no required dependencies) `litellm.exceptions` attaches these
instead: the subset of httpx's API that error-handling code touches (`status_code`,
case-insensitive `headers`, `text`, `content`, `json()`, `request.method` / `request.url`,
`is_error`, `raise_for_status()`). They import nothing at module import (json is loaded only
when `Response.json()` is called) and they pickle.
"""

__all__ = ("URL", "HTTPStatusError", "Headers", "Request", "Response")

# Reason phrases for the statuses errors actually carry (http.HTTPStatus would import enum).
_REASONS = {
    200: "OK",
    201: "Created",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    409: "Conflict",
    413: "Request Entity Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Headers:
    """Case-insensitive, order-preserving, multi-valued header mapping (like httpx.Headers).

    Keys are reported lower-cased and repeated headers are joined with ", ", as httpx does,
    so `dict(headers)` and `headers.get("Retry-After")` behave the same on both.
    """

    __slots__ = ("_items",)

    def __init__(self, headers=None):
        items = []
        if headers is not None:
            if isinstance(headers, Headers) or hasattr(headers, "multi_items"):
                pairs = headers.multi_items()
            elif hasattr(headers, "items"):
                pairs = headers.items()
            else:
                pairs = headers
            for key, value in pairs:
                items.append((_text(key).lower(), _text(value)))
        self._items = items

    def multi_items(self):
        return list(self._items)

    def get_list(self, key, split_commas=False):
        key = _text(key).lower()
        values = [v for k, v in self._items if k == key]
        if split_commas:
            return [part.strip() for v in values for part in v.split(",")]
        return values

    def keys(self):
        seen = {}
        for k, _ in self._items:
            seen.setdefault(k, None)
        return list(seen)

    def values(self):
        return [self[k] for k in self.keys()]

    def items(self):
        return [(k, self[k]) for k in self.keys()]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def copy(self):
        return Headers(self._items)

    def __getitem__(self, key):
        values = self.get_list(key)
        if not values:
            raise KeyError(key)
        return ", ".join(values)

    def __setitem__(self, key, value):
        key = _text(key).lower()
        self._items = [(k, v) for k, v in self._items if k != key]
        self._items.append((key, _text(value)))

    def __delitem__(self, key):
        key = _text(key).lower()
        if key not in self:
            raise KeyError(key)
        self._items = [(k, v) for k, v in self._items if k != key]

    def __contains__(self, key):
        if not isinstance(key, (str, bytes)):
            return False
        key = _text(key).lower()
        return any(k == key for k, _ in self._items)

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self.keys())

    def __eq__(self, other):
        try:
            other = Headers(other)
        except (TypeError, ValueError):
            return NotImplemented
        return sorted(self._items) == sorted(other._items)

    __hash__ = None

    def __getstate__(self):
        return self._items

    def __setstate__(self, state):
        self._items = state

    def __repr__(self):
        return f"Headers({dict(self.items())!r})"


class URL(str):
    """A URL string with httpx.URL's most used read-only parts (scheme, host, port, path)."""

    __slots__ = ()

    def _split(self):
        scheme, sep, rest = self.partition("://")
        if not sep:
            scheme, rest = "", self
        netloc, slash, path = rest.partition("/")
        path = slash + path
        path = path.split("#", 1)[0]
        path, _, query = path.partition("?")
        host, _, port = netloc.rpartition("@")[2].partition(":")
        return scheme.lower(), host.lower(), port, path or "/", query

    @property
    def scheme(self):
        return self._split()[0]

    @property
    def host(self):
        return self._split()[1]

    @property
    def port(self):
        port = self._split()[2]
        return int(port) if port.isdigit() else None

    @property
    def path(self):
        return self._split()[3]

    @property
    def query(self):
        return self._split()[4].encode()

    def __repr__(self):
        return f"URL({str.__repr__(self)})"


class Request:
    """The request an error belongs to: `method`, `url`, `headers`, `content`."""

    def __init__(self, method, url, *, headers=None, content=None):
        self.method = _text(method).upper()
        self.url = URL(url)
        self.headers = Headers(headers)
        self.content = _bytes(content)

    def read(self):
        return self.content

    def __repr__(self):
        return f"<Request({self.method!r}, {str(self.url)!r})>"


class HTTPStatusError(Exception):
    """Raised by `Response.raise_for_status()` (httpx raises httpx.HTTPStatusError)."""

    def __init__(self, message, *, request, response):
        super().__init__(message)
        self.request = request
        self.response = response


class Response:
    """An already-read HTTP response: status, headers and body bytes."""

    def __init__(self, status_code, *, headers=None, content=None, request=None):
        self.status_code = int(status_code)
        self.headers = Headers(headers)
        self._content = _bytes(content)
        self._request = request
        self.http_version = "HTTP/1.1"
        self.is_closed = True
        self.is_stream_consumed = True

    # -- body -------------------------------------------------------------------------
    @property
    def content(self):
        return self._content

    @property
    def encoding(self):
        content_type = self.headers.get("content-type", "")
        for part in content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                return value.strip("\"'")
        return "utf-8"

    @property
    def text(self):
        try:
            return self._content.decode(self.encoding, "replace")
        except LookupError:  # unknown charset name
            return self._content.decode("utf-8", "replace")

    def json(self, **kwargs):
        import json  # only when a caller asks for it

        return json.loads(self.text, **kwargs)

    def read(self):
        return self._content

    def iter_bytes(self, chunk_size=None):
        if self._content:
            yield self._content

    def iter_text(self, chunk_size=None):
        if self._content:
            yield self.text

    def iter_lines(self):
        yield from self.text.splitlines()

    def close(self):
        pass

    # -- request ----------------------------------------------------------------------
    @property
    def request(self):
        if self._request is None:
            raise RuntimeError("The request instance has not been set on this response.")
        return self._request

    @request.setter
    def request(self, value):
        self._request = value

    @property
    def url(self):
        return self.request.url

    # -- status -----------------------------------------------------------------------
    @property
    def reason_phrase(self):
        return _REASONS.get(self.status_code, "")

    @property
    def is_informational(self):
        return 100 <= self.status_code < 200

    @property
    def is_success(self):
        return 200 <= self.status_code < 300

    @property
    def is_redirect(self):
        return 300 <= self.status_code < 400 and "location" in self.headers

    @property
    def is_client_error(self):
        return 400 <= self.status_code < 500

    @property
    def is_server_error(self):
        return 500 <= self.status_code < 600

    @property
    def is_error(self):
        return 400 <= self.status_code < 600

    def raise_for_status(self):
        if not self.is_error:
            return self
        kind = "Client error" if self.is_client_error else "Server error"
        message = "{} '{} {}' for url '{}'".format(
            kind,
            self.status_code,
            self.reason_phrase,
            self._request.url if self._request else "",
        )
        raise HTTPStatusError(message, request=self._request, response=self)

    def __repr__(self):
        return f"<Response [{self.status_code} {self.reason_phrase}]>".replace(" ]", "]")


def _text(value):
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("latin-1")
    return str(value)


def _bytes(value):
    if value is None:
        return b""
    if isinstance(value, str):
        return value.encode("utf-8")
    return bytes(value)
