"""Many completions at once, with litellm's signatures and results.

`batch_completion` sends one call per message list to one model and returns the results in
order, an exception in place of a failed call. `batch_completion_models` sends one request to
several models and returns the first model's answer, in the order the models are listed;
with `deployments=` it returns the first that succeeds, whichever finishes first.
`batch_completion_models_all_responses` returns every model's answer that did not fail.

Calls run on a bounded pool of threads; each sync call waits with the GIL released, so they
overlap on the wire."""

from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait


def _completion():
    from ..main import completion

    return completion


def batch_completion(  # noqa: PLR0913 - litellm's public signature
    model,
    messages=[],  # noqa: B006 - litellm's default
    functions=None,
    function_call=None,
    temperature=None,
    top_p=None,
    n=None,
    stream=None,
    stop=None,
    max_tokens=None,
    presence_penalty=None,
    frequency_penalty=None,
    logit_bias=None,
    user=None,
    deployment_id=None,
    request_timeout=None,
    timeout=600,
    max_workers=100,
    **kwargs,
):
    """One completion of `model` per message list in `messages`; a list of results in order,
    each a ModelResponse or the exception that call raised."""
    if not isinstance(messages, (list, tuple)):
        raise TypeError("batch_completion: messages must be a list of message lists")
    workers = max_workers if isinstance(max_workers, int) and max_workers > 0 else 100
    call_args = {
        "model": model,
        "functions": functions,
        "function_call": function_call,
        "temperature": temperature,
        "top_p": top_p,
        "n": n,
        "stream": stream,
        "stop": stop,
        "max_tokens": max_tokens,
        "presence_penalty": presence_penalty,
        "frequency_penalty": frequency_penalty,
        "logit_bias": logit_bias,
        "user": user,
        "deployment_id": deployment_id,
        "request_timeout": request_timeout,
        "timeout": timeout,
        **kwargs,
    }
    completion = _completion()
    if not messages:
        return []
    with ThreadPoolExecutor(max_workers=min(workers, len(messages))) as pool:
        futures = [
            pool.submit(completion, **{**call_args, "messages": message_list})
            for message_list in messages
        ]
    results = []
    for future in futures:
        try:
            results.append(future.result())
        except Exception as exc:  # litellm returns failures in place
            results.append(exc)
    return results


def batch_completion_models(*args, **kwargs):
    """The same request to every model in `models=` (the first listed model's answer) or to
    every deployment in `deployments=` (the first to succeed); None if there is none."""
    kwargs.pop("model", None)
    completion = _completion()
    if "models" in kwargs:
        models = list(_model_names(kwargs.pop("models")))
        if not models:
            return None
        with ThreadPoolExecutor(max_workers=len(models)) as pool:
            futures = [pool.submit(completion, *args, model=m, **kwargs) for m in models]
            for future in futures:
                result = future.result()
                if result is not None:
                    return result
        return None
    if "deployments" in kwargs:
        deployments = kwargs.pop("deployments")
        kwargs.pop("model_list", None)
        nested = kwargs.pop("kwargs", {})
        if not deployments:
            return None
        with ThreadPoolExecutor(max_workers=len(deployments)) as pool:
            pending = set()
            for deployment in deployments:
                # The deployment's own settings (model, api_base, ...) win over the call's.
                call = {**kwargs, **deployment, **nested}
                pending.add(pool.submit(completion, **call))
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        return future.result()
                    except Exception:  # the next deployment may still answer
                        continue
        return None
    return None


def batch_completion_models_all_responses(*args, **kwargs):
    """The same request to every model in `models=`; the answers of those that did not fail."""
    kwargs.pop("model", None)
    if "models" not in kwargs:
        raise Exception("'models' param not in kwargs")
    models = list(_model_names(kwargs.pop("models")))
    if not models:
        return []
    completion = _completion()
    with ThreadPoolExecutor(max_workers=len(models)) as pool:
        futures = [pool.submit(completion, *args, model=m, **kwargs) for m in models]
    responses = []
    for future in futures:
        try:
            result = future.result()
        except Exception:
            continue
        if result is not None:
            responses.append(result)
    return responses


def _model_names(models):
    if isinstance(models, str):
        return [models]
    if isinstance(models, (list, tuple)):
        return models
    raise TypeError("'models' must be a string or list of strings")


def _keep_the_function_at_top_level():
    # Importing this module binds `litellm.batch_completion` to its package; litellm's name
    # is the function, so it is put back.
    import sys

    top = sys.modules.get("litellm")
    if top is not None:
        top.batch_completion = batch_completion


_keep_the_function_at_top_level()
