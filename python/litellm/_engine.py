"""Loads the native engine on first use, so `import litellm` stays cheap."""

_native = None


def native():
    global _native
    if _native is None:
        from . import _litellm

        _native = _litellm
    return _native
