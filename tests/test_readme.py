"""The README's Python examples run and print what the README says they print."""

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def run(block: str) -> list[str]:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(block, str(README), "exec"), {})
    return output.getvalue().splitlines()


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{k}" for k in range(len(BLOCKS))])
def test_every_block_runs(block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the pictures example writes s5.svg
    printed = run(block)
    assert len(printed) >= block.count("print("), "every print of the block printed"
    for name in re.findall(r'\.save\("([^"]+)"\)', block):
        assert (tmp_path / name).stat().st_size > 0, f"the block saves {name}"


def test_the_ten_lines_print_their_comments():
    assert run(BLOCKS[0]) == ["scalar 1", "[-3 -9]", "39 5"]


def test_the_symmetry_breaking_report_says_what_the_readme_says():
    report = "\n".join(run(BLOCKS[1]))
    assert "theory symmetric under U" in report and "degeneracy 2" in report
    assert "spontaneously broken" in report and "[0., 1., 0., 0.]" in report and "[0., 0., 0., 1.]" in report
