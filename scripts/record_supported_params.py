#!/usr/bin/env python3
"""Records what litellm 1.109.1's `get_supported_openai_params` answers, per catalog model and per
provider, into src/providers/supported_params.json (facts the engine answers the same question
from). Run it under the reference venv (benches/refvenv.py builds one):

    benches/.ref-venv/bin/python scripts/record_supported_params.py

The file holds each distinct list once: {"lists": [[...], ...], "models": {key: i},
"providers": {provider: i}}; a missing entry means litellm answers None.
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
OUT = Path(__file__).resolve().parents[1] / "src" / "providers" / "supported_params.json"
# Resolving these starts an OAuth device login in litellm: they are left out.
SKIP_PROVIDERS = {"github_copilot", "chatgpt"}
PROBE = "ferrolite-probe-model"


def main():
    import litellm

    litellm.suppress_debug_info = True
    lists, index = [], {}

    def ref(value):
        if not isinstance(value, list):
            return None
        key = json.dumps(value)
        if key not in index:
            index[key] = len(lists)
            lists.append(value)
        return index[key]

    def ask(**kw):
        try:
            return litellm.get_supported_openai_params(**kw)
        except Exception:  # noqa: BLE001 - litellm raises for names it cannot route: no answer
            return None

    models = {}
    for key, entry in litellm.model_cost.items():
        if not isinstance(entry, dict) or entry.get("litellm_provider") in SKIP_PROVIDERS:
            continue
        i = ref(ask(model=key))
        if i is not None:
            models[key] = i
    providers = {}
    for p in sorted(str(p.value if hasattr(p, "value") else p) for p in litellm.provider_list):
        if p in SKIP_PROVIDERS:
            continue
        i = ref(ask(model=PROBE, custom_llm_provider=p))
        if i is not None:
            providers[p] = i
    OUT.write_text(
        json.dumps({"lists": lists, "models": models, "providers": providers}, sort_keys=True)
        + "\n"
    )
    print(f"{len(models)} models, {len(providers)} providers, {len(lists)} lists -> {OUT}")


if __name__ == "__main__":
    sys.exit(main())
