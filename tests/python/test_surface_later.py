"""APIs that later releases add import cleanly and fail with a clear message when used."""

import litellm
import pytest


@pytest.mark.parametrize("name", ["text_completion", "image_generation", "transcription", "rerank"])
def test_not_yet_functions_raise_clearly(name):
    fn = getattr(litellm, name)
    with pytest.raises(NotImplementedError, match=f"litellm.{name} is not available"):
        fn("gpt-4o", "x")


@pytest.mark.parametrize("name", ["Router", "Cache"])
def test_not_yet_classes_raise_clearly(name):
    from litellm import Router  # noqa: F401 - importing must work

    cls = getattr(litellm, name)
    with pytest.raises(NotImplementedError, match=name):
        cls(model_list=[])


def test_unknown_names_are_still_attribute_errors():
    with pytest.raises(AttributeError):
        litellm.definitely_not_a_litellm_name  # noqa: B018
