"""litellm.llms.custom_llm: the base class of user-written providers.

A subclass overrides the calls it serves; the rest raise CustomLLMError (500, "Not implemented
yet!"), as in litellm. Registering one in `litellm.custom_provider_map` so that `completion`
routes to it is not supported by this ferrolite release: such a call raises a BadRequestError
naming the provider instead of running the subclass.
"""


class CustomLLMError(Exception):
    def __init__(self, status_code, message):
        self.status_code = status_code
        self.message = message
        super().__init__(self.message)


def _not_implemented(*args, **kwargs):
    raise CustomLLMError(status_code=500, message="Not implemented yet!")


async def _anot_implemented(*args, **kwargs):
    raise CustomLLMError(status_code=500, message="Not implemented yet!")


class BaseLLM:
    _client_session = None

    def process_response(self, *args, **kwargs):
        return _not_implemented()

    def process_text_completion_response(self, *args, **kwargs):
        return _not_implemented()

    def create_client_session(self):
        return _not_implemented()

    def create_aclient_session(self):
        return _not_implemented()

    def validate_environment(self, *args, **kwargs):
        return _not_implemented()


class CustomLLM(BaseLLM):
    def completion(self, *args, **kwargs):
        return _not_implemented()

    def streaming(self, *args, **kwargs):
        return _not_implemented()

    def embedding(self, *args, **kwargs):
        return _not_implemented()

    def image_generation(self, *args, **kwargs):
        return _not_implemented()

    def image_edit(self, *args, **kwargs):
        return _not_implemented()

    async def acompletion(self, *args, **kwargs):
        return await _anot_implemented()

    async def astreaming(self, *args, **kwargs):
        return await _anot_implemented()

    async def aembedding(self, *args, **kwargs):
        return await _anot_implemented()

    async def aimage_generation(self, *args, **kwargs):
        return await _anot_implemented()

    async def aimage_edit(self, *args, **kwargs):
        return await _anot_implemented()
