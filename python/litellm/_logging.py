"""Debug logging through Python's `logging` (logger "LiteLLM", plus litellm's router and proxy
loggers), switched on by `litellm.set_verbose = True`, `litellm._turn_on_debug()` or the
LITELLM_LOG environment variable (DEBUG, INFO, WARNING, ERROR). The engine calls `emit` from
the caller's thread, and only when logging is on; `import litellm` does not import this module
(it loads on first access of `litellm._logging` or a call that logs), so `logging` is never
imported otherwise."""

import logging

verbose_logger = logging.getLogger("LiteLLM")
verbose_router_logger = logging.getLogger("LiteLLM Router")
verbose_proxy_logger = logging.getLogger("LiteLLM Proxy")
ALL_LOGGERS = [logging.getLogger(), verbose_logger, verbose_router_logger, verbose_proxy_logger]
_configured = False


def _configure():
    global _configured
    if _configured:
        return
    _configured = True
    if not verbose_logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s - LiteLLM:%(levelname)s: %(message)s"))
        verbose_logger.addHandler(handler)


def emit(level, message, threshold):
    """Log `message` at `level` if the configured `threshold` lets it through."""
    _configure()
    if verbose_logger.level == logging.NOTSET or verbose_logger.level > threshold:
        verbose_logger.setLevel(threshold)
    verbose_logger.log(level, message)


def _turn_on_debug():
    """Every litellm logger at DEBUG, with a handler if none is configured."""
    _configure()
    for logger in (verbose_logger, verbose_router_logger, verbose_proxy_logger):
        logger.setLevel(logging.DEBUG)
    import litellm

    litellm.set_verbose = True


def _enable_debugging():
    for logger in (verbose_logger, verbose_router_logger, verbose_proxy_logger):
        logger.setLevel(logging.DEBUG)


def _disable_debugging():
    for logger in (verbose_logger, verbose_router_logger, verbose_proxy_logger):
        logger.setLevel(logging.WARNING)


def _is_debugging_on():
    import litellm

    return bool(litellm.set_verbose) or verbose_logger.isEnabledFor(logging.DEBUG)


def print_verbose(print_statement):
    """litellm's legacy debug print: shown only when `litellm.set_verbose` is on."""
    import litellm

    if litellm.set_verbose:
        print(print_statement)  # noqa: T201 - litellm prints here


turn_on_debug = _turn_on_debug
