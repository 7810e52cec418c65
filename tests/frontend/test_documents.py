"""Diagrams as JSON documents: every network of the picture corpus round-trips (value and picture), positions
travel with the document, and a hostile document is refused with a message that names the field."""

import json
from fractions import Fraction

import numpy as np
import pytest
from picture_corpus import corpus

import penrose as pn

CORPUS = corpus()  # (and what only a document meets: exact numbers, products of sums, copy dots, marks)
CORPUS["exact fractions"] = lambda: pn.ket([Fraction(1, 3), 2**70], name="q") & pn.bra([1, -1], name="r")
CORPUS["product kept as written"] = lambda: (pn.pauli.X + 2 * pn.pauli.Z) @ pn.ket([1, 2j], name="ψ")
CORPUS["copy dot"] = lambda: pn.einsum("ai,bi,ci->abc", *[np.arange(9.0).reshape(3, 3) + k for k in range(3)])
CORPUS["daggered and conjugated"] = lambda: pn.ket([1, 1j], name="a").dag @ pn.op([[1, 2j], [3, 4]], name="M").conj()


def _same_value(a, b):
    va, vb = np.asarray(a.value()), np.asarray(b.value())
    return va.shape == vb.shape and np.allclose(va.astype(complex), vb.astype(complex))


@pytest.mark.parametrize("name", list(CORPUS))
def test_every_corpus_diagram_round_trips_with_its_value_and_picture(name, tmp_path):
    diagram = CORPUS[name]()
    path = pn.save(diagram, tmp_path / "d.json")
    document = pn.load(path)
    back = document.diagram
    assert back.legs == diagram.legs
    assert _same_value(back, diagram), name
    assert back.draw().to_svg() == diagram.draw().to_svg(), "the same picture, byte for byte"


def test_positions_travel_with_the_document(tmp_path):
    psi = pn.ket([1, 2j], name="ψ")
    diagram = psi.dag @ pn.op([[1, 2], [-1, 4]], name="H") @ psi
    pinned = diagram.draw(positions={"ψ": (1, 1)})
    pn.save(diagram, tmp_path / "pinned.json", positions=pinned.positions, title="energy")
    document = pn.load(tmp_path / "pinned.json")
    assert document.title == "energy" and document.positions == pinned.positions
    assert document.draw().to_svg() == pinned.to_svg()
    text = (tmp_path / "pinned.json").read_text(encoding="utf-8")
    assert '"ψ"' in text and json.loads(text)["version"] == pn.frontend.document.VERSION


def _document(**changes):
    data = pn.documents.Document(pn.ket([1, 0], name="φ").dag @ pn.ket([1, 2], name="ψ")).to_dict()
    term = data["diagram"]["terms"][0]
    for key, value in changes.items():
        term[key] = value
    return data


HOSTILE = "__import__('os').system('echo hacked')"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"penrose": "diagram", "version": 99, "diagram": {}}, "version 99"),
        ({"version": 1}, "not a penrose document"),
        (_document(bonds=[[[0, "i"], [5, "j"]]]), r"no leg 'j' on box 5"),
        (_document(bonds=[]), "neither joined nor open"),
        (_document(boxes=[{"kind": "ket", "legs": [{"name": "i", "side": "W"}], "entries": HOSTILE}]), "not a number"),
        (_document(boxes=[{"kind": HOSTILE, "legs": []}]), "a box is one of"),
        (_document(coefficient=HOSTILE), "not a number"),
        (_document(coefficient={"symbol": HOSTILE}), "a symbol is a plain name"),
        (_document(boxes=[{"kind": "ket", "legs": [{"name": "i", "side": "Q"}]}]), "a leg is"),
        (
            _document(boxes=[{"kind": "ket", "legs": [{"name": "i", "side": "W"}], "entries": [[1, 2], [3]]}]),
            "rectangular",
        ),
    ],
)
def test_a_hostile_or_broken_document_is_refused_with_a_message_naming_the_field(data, message):
    with pytest.raises(pn.errors.DocumentError, match=message):
        pn.documents.Document.from_dict(data)


def test_text_is_never_evaluated_and_names_are_only_labels(tmp_path, capsys):
    data = _document()
    data["diagram"]["terms"][0]["boxes"][0]["name"] = HOSTILE
    data["title"] = HOSTILE
    document = pn.documents.Document.from_dict(data)
    assert document.diagram.nodes[0].name == HOSTILE  # a label, drawn escaped, never run
    svg = document.draw().to_svg()
    assert "hacked" not in capsys.readouterr().out and "__import__" in svg
    with pytest.raises(pn.errors.DocumentError, match="NaN is not a number"):
        pn.documents.Document.from_json('{"penrose": "diagram", "version": 1, "diagram": NaN}')
    with pytest.raises(pn.errors.DocumentError, match=r"\.json file"):
        pn.save(pn.ket([1, 0]), tmp_path / "x.txt")
    with pytest.raises(pn.errors.DocumentError, match="cannot read"):
        pn.load(tmp_path / "missing.json")


def test_dimensions_must_agree_across_a_line():
    data = _document()
    data["diagram"]["terms"][0]["boxes"][1]["entries"] = [1, 0, 0]
    data["diagram"]["terms"][0]["boxes"][1]["legs"][0]["dim"] = 3
    with pytest.raises(pn.errors.DocumentError, match=r"has dimension 2 but leg .* has 3"):
        pn.documents.Document.from_dict(data)
