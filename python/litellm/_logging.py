"""Debug logging through Python's `logging` (logger "LiteLLM"), switched on by
`litellm.set_verbose = True`, `litellm._turn_on_debug()` or the LITELLM_LOG environment
variable (DEBUG, INFO, WARNING, ERROR). The engine calls `emit` from the caller's thread, and
only when logging is on, so `logging` is never imported otherwise."""

import logging

verbose_logger = logging.getLogger("LiteLLM")
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
