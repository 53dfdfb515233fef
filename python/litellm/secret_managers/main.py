"""litellm's secret readers. Secrets come from the environment (`os.environ/NAME` names one
explicitly); key-management systems (`litellm._key_management_system`: AWS, Azure Key Vault,
Google, Vault, ...) and `oidc/...` identity tokens are not supported by this release, and a
name that needs them raises a ValueError saying so instead of returning nothing."""

import os


def str_to_bool(value):
    """True for "true", False for "false" (any case, surrounding spaces ignored), else None."""
    if value is None:
        return None
    lowered = value.strip().lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    return None


def get_secret(secret_name, default_value=None):
    """The secret `secret_name` (an environment variable), or `default_value` when unset."""
    import litellm

    if secret_name.startswith("oidc/"):
        raise ValueError(
            f"{secret_name}: OIDC identity tokens are not supported by this ferrolite release"
        )
    if getattr(litellm, "_key_management_system", None) is not None:
        raise ValueError(
            "litellm._key_management_system is set, but this ferrolite release reads secrets "
            "from the environment only"
        )
    name = secret_name.removeprefix("os.environ/")
    value = os.environ.get(name)
    return default_value if value is None else value


def get_secret_str(secret_name, default_value=None):
    """get_secret, as a string or None."""
    value = get_secret(secret_name=secret_name, default_value=default_value)
    return value if value is None or isinstance(value, str) else None


def get_secret_bool(secret_name, default_value=None):
    """get_secret, as a bool ("true" / "false") or None."""
    value = get_secret(secret_name, default_value)
    if value is None or isinstance(value, bool):
        return value
    return str_to_bool(value)
