"""The docs' Python examples run, and print what the pages say they print."""

import contextlib
import io
import itertools
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


def run_page(name: str, tmp_path, monkeypatch) -> list[str]:
    """Every python block of the page, in order, in one namespace (as a reader would run them).

    A block that starts with ``# slow`` is left out: what it prints is checked at a smaller
    size by the unit tests, and at its own by the benchmark the block names.
    """
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / name).read_text(encoding="utf-8"), re.S)
    blocks = [block for block in blocks if not block.startswith("# slow")]
    namespace: dict = {}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for block in blocks:
            exec(compile(block, name, "exec"), namespace)
    return output.getvalue().splitlines()


def test_many_spins_prints_what_it_says(tmp_path, monkeypatch):
    printed = run_page("many-spins.md", tmp_path, monkeypatch)
    assert printed[0] == "operator (2, 2, 2, 2, 2, 2, 2, 2) (16, 16)"
    assert printed[1:5] == ["(2, 2, 2, 2) (16,)", "True", "True", "True"]
    printed = printed[1:]  # (the Lanczos line)
    splittings = [float(line.split()[1]) for line in printed[4:8]]
    assert all(b < a / 5 for a, b in itertools.pairwise(splittings))  # falls about tenfold every two spins
    assert splittings[0] == 1.47e-2 and splittings[-1] == 1.07e-5  # the numbers the page quotes
    assert all(line.split()[2] == "1" for line in printed[4:8])
    assert printed[8:11] == ["ket bra operator", "True", "True"]
    state = printed[11]
    assert state.count("0.7071") == 2
    assert (tmp_path / "circuit.svg").stat().st_size > 0
    assert (tmp_path / "sandwich.svg").stat().st_size > 0


def test_howto_einsum_examples_run(tmp_path, monkeypatch):
    text = (DOCS / "howto.md").read_text(encoding="utf-8")
    section = text[text.index("## …write this numpy.einsum in penrose?") :]
    block = re.findall(r"```python\n(.*?)```", section, re.S)[0]
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "howto.md", "exec"), {})


def test_the_tutorial_walks_through_one_worked_sum():
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", text, re.S) if "inner.work()" in b]
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile("import penrose as pn\n" + block, "tutorial.md", "exec"), {})
    assert output.getvalue().splitlines() == ["1·5 + 2·1 + 4·(−3) + 3·2 = 5 + 2 − 12 + 6 = 1"]


def test_howto_products_of_sums_say_what_they_do():
    text = (DOCS / "howto.md").read_text(encoding="utf-8")
    section = text[text.index("## …multiply sums without multiplying them out?") :]
    block = re.findall(r"```python\n(.*?)```", section, re.S)[0]
    namespace: dict = {}
    exec(compile(block, "howto.md", "exec"), namespace)
    product = namespace["product"]
    assert product.term_count == 2 and list(product.value()) == [2, 1]  # as the comments say
    assert "+ 2" in product.draw().to_svg() and product.expand().factors is None


def test_howto_positions_and_flow_print_what_they_say():
    text = (DOCS / "howto.md").read_text(encoding="utf-8")
    section = text.split("## …put boxes where I want them")[1].split("\n## ")[0]
    block = re.findall(r"```python\n(.*?)```", section, re.S)[0]
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(block, "howto.md", "exec"), {})
    said = [line.split("# ")[1] for line in block.splitlines() if line.startswith("print(")]
    assert output.getvalue().splitlines() == said


def test_the_documents_page_prints_what_it_says(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    block = re.findall(r"```python\n(.*?)```", (DOCS / "documents.md").read_text(encoding="utf-8"), re.S)[0]
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(block, "documents.md", "exec"), {})
    said = [line.split("# ")[1] for line in block.splitlines() if line.startswith("print(")]
    assert output.getvalue().splitlines() == said


def test_the_editor_page_runs_as_written(tmp_path, monkeypatch):
    pytest.importorskip("anywidget")
    printed = run_page("editor.md", tmp_path, monkeypatch)
    assert printed == ["[-3 -9] {'H': (0, 0), 'ψ': (1, 0)}", "1j"]
    for image in re.findall(r"\]\((editor/[^)]+\.png)\)", (DOCS / "editor.md").read_text(encoding="utf-8")):
        assert (DOCS / image).stat().st_size > 10_000  # made by tests/frontend/test_editor_browser.py


def test_the_api_reference_shows_examples_as_code_and_roles_as_names():
    import importlib.util

    spec = importlib.util.spec_from_file_location("docstrings", DOCS / "tools" / "docstrings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = "The value.\n\n>>> import penrose as pn\n>>> pn.ket([1, 0]).kind\n'ket'\n\nSee :func:`eig`."
    fenced = module.readable(text)
    code = ">>> import penrose as pn\n>>> pn.ket([1, 0]).kind\n'ket'"
    assert fenced == f"The value.\n\n```pycon\n{code}\n```\n\nSee `eig`."


OPTIONAL = {"torch", "dask", "distributed", "quimb", "sympy", "anywidget", "cotengra"}


@pytest.mark.parametrize("page", sorted(path.name for path in DOCS.glob("*.md")))
def test_every_code_block_of_every_page_runs_as_written(page, tmp_path, monkeypatch):
    """Each page's python blocks, top to bottom in one fresh namespace, as a reader would run them (blocks
    marked ``# slow`` are left to the benchmarks they name); a block needing a missing optional package is
    skipped, and says so."""
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / page).read_text(encoding="utf-8"), re.S)
    namespace: dict = {}
    missing = []
    with contextlib.redirect_stdout(io.StringIO()):
        for k, block in enumerate(blocks):
            if block.startswith("# slow"):
                continue
            try:
                exec(compile(block, f"{page} block {k}", "exec"), namespace)
            except ModuleNotFoundError as error:
                if (error.name or "").split(".")[0] not in OPTIONAL:
                    raise
                missing.append(f"block {k} needs {error.name}")
    if missing:
        pytest.skip(f"{page}: " + "; ".join(missing))


def test_the_docs_figures_are_what_penrose_draws_today(tmp_path, monkeypatch):
    """``docs/figures/*.svg`` (the tutorial's and the README's pictures) regenerated by ``docs/figures.py`` into a
    scratch folder are the files in the repository: a change to the pictures' engine regenerates them."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_figures", DOCS / "figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    module.readme_figures()
    module.gallery_figures()
    drawn = sorted(path.name for path in tmp_path.glob("*.svg"))
    kept = sorted(path.name for path in (DOCS / "figures").glob("*.svg"))
    assert drawn == kept, "run python docs/figures.py"
    stale = [name for name in drawn if (tmp_path / name).read_text() != (DOCS / "figures" / name).read_text()]
    assert not stale, f"run python docs/figures.py: {len(stale)} figures changed, e.g. {stale[:3]}"
