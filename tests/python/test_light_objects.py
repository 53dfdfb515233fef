"""The light response classes against litellm 1.109.1 (where pydantic v2 is not installed).

Replays every case of object_cases.py as test_pydantic_objects.py does and compares what the
light classes can be compared on: model_dump(), model_dump(mode="json"), model_dump_json()
and what model_validate(model_dump()) gives back, but not the order of keys (the light classes
list declared fields in declaration order). Their internals (fields set, extras) are those of
plain classes and are pinned by test_response_objects.py instead.
"""

import pytest
from litellm.types import utils as U

if U._response_family() != "light":
    pytest.skip("pydantic v2 is installed: the pydantic family serves", allow_module_level=True)

import litellm  # noqa: E402
import object_cases as oc  # noqa: E402
from object_parity import compare  # noqa: E402

pytestmark = [
    pytest.mark.filterwarnings("error"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]

PARTS = ("dump", "dump_json_mode", "dump_json", "revalidated")


@pytest.mark.parametrize("name", [c["name"] for c in oc.CASES])
def test_dumps_match_litellm(mock, name):
    case = next(c for c in oc.CASES if c["name"] == name)
    ours = [oc.profile(o) for o in oc.run_case(litellm, mock.root, case)]
    unexplained, stale = compare(name, ours, PARTS, key_order=False)
    assert not unexplained, "\n".join(unexplained)
    assert not stale, f"KNOWN_DIFFERENCES entries that no longer occur: {stale}"
