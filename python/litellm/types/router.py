"""litellm.types.router: the Router's error types. (The Router itself, and the rest of this
module's types, come with the Router; until then `litellm.Router` says so when used.)"""


class RouterRateLimitErrorBasic(ValueError):
    """No deployment of a model group can take the call right now."""

    def __init__(self, model):
        self.model = model
        super().__init__(f"{model}: no deployments available for this model right now.")


class RouterRateLimitError(ValueError):
    """Every deployment of a model group is cooling down."""

    def __init__(
        self,
        model,
        cooldown_time,
        enable_pre_call_checks,
        cooldown_list,
        model_ids=(),
        cooldown_deployments=None,
    ):
        self.model = model
        self.cooldown_time = cooldown_time
        self.enable_pre_call_checks = enable_pre_call_checks
        self.cooldown_list = cooldown_list
        self.model_ids = tuple(model_ids)
        self.cooldown_deployments = cooldown_deployments
        super().__init__(
            f"No deployments available for selected model, Try again in {cooldown_time} seconds. "
            f"Passed model={model}. pre-call-checks={enable_pre_call_checks}, "
            f"cooldown_list={cooldown_list}"
        )
