"""The quiz package's modules depend one way (issue 18): the model knows nothing of how a quiz is
drawn or loaded; ``load`` builds the model; ``html``, ``widget`` and ``key`` render it; ``display``
shows it in a notebook. Read from the source with ``ast`` (every import, also inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "jesc" / "quiz"
RENDERERS = {"html", "widget", "key", "text", "display", "__main__"}
# What each module may import of its own package; anything else (a renderer in model, model or
# load reaching up to a renderer, a renderer importing the package's __init__) fails.
# ``translate`` (the words of each language: feedback phrases, buttons, a quiz file's translation)
# sits below the model and knows nothing of it.
ALLOWED = {
    "translate": set(),
    "model": {"translate"},
    "load": {"model", "translate"},
    "html": {"model", "translate"},
    "widget": {"model", "html", "translate"},
    "key": {"model", "load"},
    "text": {"model"},
    "display": {"model", "html", "widget", "text"},
}


def package_imports(path: Path) -> dict[str, int]:
    """{module of jesc.quiz imported by ``path``: first line}, e.g. {"model": 12}."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x / from .x import y
                base = node.module.split(".") if node.module else []
                names = [".".join(["jesc", "quiz", *base, a.name]) if not base else
                         ".".join(["jesc", "quiz", *base]) for a in node.names]
            elif node.module == "jesc.quiz":
                names = [f"jesc.quiz.{a.name}" for a in node.names]
            elif node.module:
                names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[:2] == ["jesc", "quiz"]:
                mod = parts[2] if len(parts) > 2 and (PACKAGE / f"{parts[2]}.py").is_file() else "__init__"
                found.setdefault(mod, node.lineno)
    return found


def graph() -> dict[str, dict[str, int]]:
    return {p.stem: package_imports(p) for p in sorted(PACKAGE.glob("*.py"))}


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph, as a path that returns to its start, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_cycle_finder_finds_a_cycle_and_accepts_a_chain():
    assert cycle({"model": {"html"}, "html": {"widget"}, "widget": {"model"}}) == \
        ["html", "widget", "model", "html"]
    assert cycle({"html": {"model"}, "widget": {"html", "model"}}) is None


def test_import_finder_sees_imports_inside_functions(tmp_path):
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from jesc.quiz.widget import make_widget\n"
                   "from jesc.quiz import html\nimport jesc.quiz.model\nfrom . import load\n")
    assert set(package_imports(src)) == {"widget", "html", "model", "load"}


def test_quiz_modules_import_each_other_one_way():
    edges = {mod: set(imports) - {mod} for mod, imports in graph().items()}
    found = cycle(edges)
    assert found is None, "import cycle in jesc.quiz: " + " -> ".join(found)


@pytest.mark.parametrize("module", sorted(ALLOWED))
def test_each_module_imports_only_the_layers_below(module):
    imports = graph()[module]
    extra = {m: line for m, line in imports.items() if m not in ALLOWED[module]}
    assert not extra, (f"src/jesc/quiz/{module}.py imports "
                       + ", ".join(f"jesc.quiz.{m} (line {line})" for m, line in sorted(extra.items()))
                       + f"; it may import only {sorted(ALLOWED[module]) or 'nothing'} of jesc.quiz")


def test_model_does_not_know_how_it_is_drawn():
    imports = graph()["model"]
    assert not set(imports) & RENDERERS, imports
    source = (PACKAGE / "model.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    methods = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert not {m for m in methods if m.startswith("_repr_")}, "model defines a display method"
    external = {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    external |= {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not external & {"ipywidgets", "IPython", "html"}, external


def test_every_module_of_the_package_is_placed():
    """A new module (the PDF renderer, a language layer) must say where it sits."""
    unknown = set(graph()) - set(ALLOWED) - {"__init__", "__main__"}
    assert not unknown, f"add {sorted(unknown)} to ALLOWED in tests/test_quiz_structure.py"


def test_a_quiz_still_displays_through_ipython():
    from IPython.core.formatters import DisplayFormatter

    import jesc.quiz
    from jesc.quiz import display

    quiz = jesc.quiz.load_quiz("demo", answers={"civilian_share": 65})
    formatter = DisplayFormatter()
    assert display.register(type("Shell", (), {"display_formatter": formatter})())
    data, _ = formatter.format(quiz)
    assert {"text/plain", "text/html", "application/vnd.jupyter.widget-view+json"} <= set(data)
    assert data["text/plain"].startswith(f"Quiz: {quiz.title}")
    assert 'data-jesc-quiz="demo"' in data["text/html"]
