"""The hand-written _native.pyi must describe exactly what the native module exports."""

from __future__ import annotations

import ast
import inspect
import pathlib

import libimap
from libimap import _native

STUB = pathlib.Path(libimap.__file__).with_name("_native.pyi")


def _stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def _stub_module_names(tree: ast.Module) -> dict[str, ast.AST]:
    names: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
    # Type aliases private to the stub do not exist at run time.
    return {k: v for k, v in names.items() if not k.startswith("_") or k == "__version__"}


def _runtime_module_names() -> set[str]:
    return {n for n in dir(_native) if not n.startswith("_")} | {"__version__"}


def _is_property(fn: ast.FunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "property" for d in fn.decorator_list)


def test_module_names_match():
    assert set(_stub_module_names(_stub_tree())) == _runtime_module_names()


def test_class_members_match():
    for name, node in _stub_module_names(_stub_tree()).items():
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(_native, name)
        assert inspect.isclass(cls), name
        stub_members = {f.name: f for f in node.body if isinstance(f, ast.FunctionDef)}
        runtime_public = {m for m in vars(cls) if not m.startswith("_")}
        assert {m for m in stub_members if not m.startswith("_")} == runtime_public, name
        for member, fn in stub_members.items():
            assert hasattr(cls, member), f"{name}.{member}"
            attr = inspect.getattr_static(cls, member)
            if _is_property(fn):
                assert inspect.isdatadescriptor(attr), f"{name}.{member} should be a property"
            elif member not in ("__new__",):
                assert callable(attr) and not inspect.isdatadescriptor(attr), f"{name}.{member} is a method"


def test_method_parameters_match():
    """Parameter names (and keyword-only-ness) as declared in the stub are what the module takes."""
    tree = _stub_tree()
    stub_client = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Client")
    for fn in stub_client.body:
        if not isinstance(fn, ast.FunctionDef) or _is_property(fn) or fn.name.startswith("__"):
            continue
        runtime = inspect.signature(getattr(_native.Client, fn.name))
        stub_params = [a.arg for a in fn.args.args[1:]]
        if fn.args.vararg:
            stub_params.append(fn.args.vararg.arg)
        runtime_params = [p for p in runtime.parameters if p != "self"]
        assert stub_params == runtime_params, fn.name


def test_constructor_parameters_match():
    stub_client = next(n for n in _stub_tree().body if isinstance(n, ast.ClassDef) and n.name == "Client")
    new = next(f for f in stub_client.body if isinstance(f, ast.FunctionDef) and f.name == "__new__")
    runtime = inspect.signature(_native.Client)
    positional = [a.arg for a in new.args.args[1:]]
    keyword_only = [a.arg for a in new.args.kwonlyargs]
    assert [p.name for p in runtime.parameters.values() if p.kind is p.POSITIONAL_OR_KEYWORD] == positional
    assert [p.name for p in runtime.parameters.values() if p.kind is p.KEYWORD_ONLY] == keyword_only


def test_package_reexports_everything():
    for name in _runtime_module_names():
        assert getattr(libimap, name) is getattr(_native, name)
    assert set(libimap.__all__) >= _runtime_module_names()
