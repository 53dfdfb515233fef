"""The hand-written stub (python/litellm/__init__.pyi) stays in step with the runtime: every
function it declares exists with the same parameters, every setting it declares exists."""

import ast
import inspect
from pathlib import Path

import litellm

STUB = Path(litellm.__file__).with_suffix(".pyi")


def _stub_tree():
    return ast.parse(STUB.read_text())


def _stub_functions():
    funcs = {}
    for node in _stub_tree().body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            is_overload = any(getattr(d, "id", None) == "overload" for d in node.decorator_list)
            # For overloads, the first (full) declaration is the one to compare.
            if is_overload and node.name in funcs:
                continue
            funcs[node.name] = node
    return funcs


def _params(node):
    a = node.args
    names = [p.arg for p in a.posonlyargs + a.args]
    if a.vararg:
        names.append("*" + a.vararg.arg)
    names += [p.arg for p in a.kwonlyargs]
    if a.kwarg:
        names.append("**" + a.kwarg.arg)
    return names


def _runtime_params(fn):
    out = []
    for p in inspect.signature(fn).parameters.values():
        prefix = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "")
        out.append(prefix + p.name)
    return out


def test_stub_file_ships_with_py_typed():
    assert STUB.exists()
    assert (STUB.parent / "py.typed").exists()


def test_every_stub_function_matches_the_runtime_signature():
    funcs = _stub_functions()
    assert {"completion", "acompletion", "get_llm_provider"} <= set(funcs)
    for name, node in funcs.items():
        fn = getattr(litellm, name)
        assert _params(node) == _runtime_params(fn), name
        assert isinstance(node, ast.AsyncFunctionDef) == inspect.iscoroutinefunction(fn), name


def test_every_stub_setting_exists():
    for node in _stub_tree().body:
        if isinstance(node, ast.AnnAssign):
            assert hasattr(litellm, node.target.id), node.target.id


def test_every_reexported_name_exists():
    for node in _stub_tree().body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            for alias in node.names:
                assert hasattr(litellm, alias.asname or alias.name), alias.name
