"""The editor's Python side: sketches built into diagrams, the code it shows, its documents, server and widget.

Every value is checked against numpy; the generated code is run and must rebuild the same
network, picture and value; hostile text in every field is refused without being run.
"""

from __future__ import annotations

import http.client
import json
import threading
import urllib.error
import urllib.request
from fractions import Fraction

import numpy as np
import pytest

import penrose as pn
from penrose.frontend.document import Document
from penrose.frontend.editor.actions import Session
from penrose.frontend.editor.code import python_code
from penrose.frontend.editor.results import results
from penrose.frontend.editor.server import EditorServer
from penrose.frontend.editor.sketch import EditorError, Sketch
from penrose.frontend.editor.sketches import from_diagram


def box(id, kind, name=None, entries="", legs=None, cell=(0, 0), **flags):
    data = {"id": id, "kind": kind, "name": name, "entries": entries, "cell": list(cell), **flags}
    if legs is not None:
        data["legs"] = [{"name": n, "side": s, "dim": d} for n, s, d in legs]
    return data


S4 = {
    "boxes": [box("a", "bra", "φ", "[1, 2, 4, 3]"), box("b", "ket", "ψ", "[5, 1, -3, 2]", cell=(1, 0))],
    "lines": [[["a", "i"], ["b", "i"]]],
}
S5 = {
    "boxes": [box("h", "operator", "H", "[[1, 2], [-1, 4]]"), box("p", "ket", "ψ", "[1, -2]", cell=(1, 0))],
    "lines": [[["h", "j"], ["p", "i"]]],
}
rng = np.random.default_rng(7)
M = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
V = rng.normal(size=3) + 1j * rng.normal(size=3)


def text(array):
    return json.dumps(np.asarray(array).tolist()) if np.isrealobj(array) else _complex_text(array)


def _complex_text(array):
    if np.ndim(array) == 0:
        array = complex(array)
        return f"({array.real!r}{'+' if array.imag >= 0 else '-'}{abs(array.imag)!r}j)"
    return "[" + ", ".join(_complex_text(item) for item in array) + "]"


# ⟨v|M|v⟩ with complex, non-symmetric M: the dagger must conjugate and flip, not transpose
ENERGY = {
    "boxes": [
        box("k2", "ket", "v", text(V), dagger=True),
        box("m", "operator", "M", text(M), cell=(1, 0)),
        box("k", "ket", "v", text(V), cell=(2, 0)),
    ],
    "lines": [[["k2", "i"], ["m", "i"]], [["m", "j"], ["k", "i"]]],
}
MPS = {  # an MPS step with named dimensions: the cost is written in them
    "dims": {"χ": 4, "d": 2},
    "boxes": [
        box("L", "tensor", "L", legs=[("a", "E", "χ"), ("b", "E", "χ")]),
        box("A", "tensor", "A", legs=[("l", "W", "χ"), ("r", "E", "χ"), ("p", "S", "d")], cell=(1, 0)),
        box("B", "tensor", "A", legs=[("l", "W", "χ"), ("r", "E", "χ"), ("p", "N", "d")], cell=(1, 1), conjugate=True),
    ],
    "lines": [[["L", "a"], ["A", "l"]], [["L", "b"], ["B", "l"]], [["A", "p"], ["B", "p"]]],
}
GHZ = {  # a copy dot, a reshaped tensor, an exact fraction
    "boxes": [
        box("c", "copy", None, legs=[("a", "W", 2), ("b", "E", 2), ("c", "S", 2)]),
        box("k", "ket", "e", "[1, 1]", cell=(1, 0)),
        box("t", "tensor", "T", "[1/2, 1/3, 1/4, 1/5]", legs=[("x", "N", 2), ("y", "E", 2)], cell=(0, 1)),
    ],
    "lines": [[["c", "b"], ["k", "i"]], [["c", "c"], ["t", "x"]]],
}
CIRCUIT = {  # a CNOT (a named matrix on four legs) on |0⟩|1⟩... and a rotation
    "boxes": [
        box("g", "tensor", "CNOT", "CNOT", legs=[("o0", "W", 2), ("o1", "W", 2), ("i0", "E", 2), ("i1", "E", 2)]),
        box("k0", "ket", "x", "[0, 1]", cell=(1, 0)),
        box("k1", "ket", "y", "[1, 0]", cell=(1, 1)),
        box("r", "operator", "Rz", "Rz(pi/3)", cell=(-1, 0)),
    ],
    "lines": [[["g", "i0"], ["k0", "i"]], [["g", "i1"], ["k1", "i"]], [["r", "j"], ["g", "o0"]]],
}
SKETCHES = {"S4": S4, "S5": S5, "energy": ENERGY, "mps": MPS, "ghz": GHZ, "circuit": CIRCUIT}


def test_the_seminar_s4_and_s5_have_their_values():
    assert Sketch.from_dict(S4).diagram().value() == 1
    assert Sketch.from_dict(S5).diagram().value().tolist() == [-3, -9]
    shown = results(Sketch.from_dict(S5))
    assert shown["value"]["text"] == "[−3, −9]" and shown["value"]["exact"]
    assert shown["value"]["dirac"] == "−3|0⟩ − 9|1⟩"
    assert shown["work"].splitlines()[0].endswith("= −3")


def test_complex_entries_are_conjugated_by_the_dagger():
    value = Sketch.from_dict(ENERGY).diagram().value()
    assert np.isclose(value, np.vdot(V, M @ V))
    conjugated = Sketch.from_dict({**MPS, "dims": {"χ": 2, "d": 2}})
    assert conjugated.diagram().symbolic


def test_a_rotation_and_a_cnot_are_the_matrices_of_the_field():
    value = Sketch.from_dict(CIRCUIT).diagram().value()
    theta = np.pi / 3
    rz = np.diag([np.exp(-0.5j * theta), np.exp(0.5j * theta)])
    cnot = np.eye(4)[[0, 1, 3, 2]].reshape(2, 2, 2, 2)
    state = np.einsum("abcd,c,d->ab", cnot, [0, 1], [1, 0])  # (wire 0, wire 1) out of the CNOT
    # the open legs: the CNOT's second output, then the rotation's output (W legs in box order)
    assert np.allclose(value.reshape(2, 2), np.einsum("xa,ab->bx", rz, state))


def test_the_cost_is_written_in_the_named_dimensions():
    shown = results(Sketch.from_dict(MPS))
    assert shown["value"]["symbolic"]
    assert shown["cost"]["scaling"] in ("O(χ³d)", "O(χ³d²)", "O(χ²d)")
    assert shown["cost"]["flops"] > 0 and shown["cost"]["largest"] >= 4


@pytest.mark.parametrize("name", list(SKETCHES))
def test_the_generated_code_rebuilds_the_same_network_picture_and_value(name, tmp_path, monkeypatch):
    sketch = Sketch.from_dict(SKETCHES[name])
    expected = sketch.diagram()
    code = python_code(sketch)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(code, f"<{name}>", "exec"), namespace)  # the test runs the code, as a user would
    built = namespace["d"]
    assert Document(built).to_dict()["diagram"] == Document(expected).to_dict()["diagram"]
    if not expected.symbolic:
        as_complex = [np.asarray(pn.core.arrays.as_numpy(d.value())).astype(complex) for d in (built, expected)]
        assert np.allclose(*as_complex)
    svg = expected.draw(positions=sketch.positions()).to_svg()
    assert (tmp_path / "diagram.svg").read_text(encoding="utf-8") == svg


def test_repeated_names_are_joined_by_position_and_explained():
    code = python_code(Sketch.from_dict(ENERGY))
    assert "v = pn.ket(" in code and "v_2 = pn.ket(" in code and ".dag" in code
    assert "d.join([" in code


@pytest.mark.parametrize(
    "field, value",
    [
        ("entries", "__import__('os').system('touch HACKED')"),
        ("entries", "().__class__.__bases__[0].__subclasses__()"),
        ("entries", "open('HACKED', 'w')"),
        ("entries", "lambda: 0"),
        ("name", "__import__('os').system('touch HACKED')"),
    ],
)
def test_text_is_never_run(field, value, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = {"boxes": [box("a", "ket", "ψ", "[1, 2]")]}
    data["boxes"][0][field] = value
    shown = Session().handle("update", data)
    if field == "entries":
        assert "error" in shown and "ket 'ψ'" in shown["error"]
    else:  # a name is only a label: drawn and written with repr, never run
        assert shown["value"]["text"] == "[1, 2]"
        namespace: dict = {}
        exec(compile(shown["code"], "<name>", "exec"), namespace)
    assert not (tmp_path / "HACKED").exists()


@pytest.mark.parametrize(
    "data, words",
    [
        (
            {
                "boxes": [box("a", "ket", "ψ", "[1, 2, 3]"), box("b", "bra", "φ", "[1, 2]")],
                "lines": [[["a", "i"], ["b", "i"]]],
            },
            ["leg 'i'", "ket 'ψ'", "dimension 3", "bra 'φ'", "2"],
        ),
        ({"boxes": [box("a", "ket", "ψ", "[1, 2]")], "lines": [[["a", "i"], ["a", "x"]]]}, ["no leg 'x'"]),
        ({"boxes": [box("a", "quark", "q")]}, ["kind='quark'", "ket"]),
        ({"boxes": [box("a", "operator", "H", "[1, 2]")]}, ["operator 'H'", "shape (2,)", "matrix"]),
        ({"boxes": [box("a", "ket", "ψ", legs=[("i", "W", None)])]}, ["ket 'ψ'", "leg 'i'", "no dimension"]),
        ({"boxes": [box("a", "ket", "ψ", "[1, 2]", legs=[("i", "W", 3)])]}, ["leg 'i'", "dimension 3", "2"]),
        ({"boxes": [box("a", "tensor", "T", "[1, 2, 3]", legs=[("x", "W", 2), ("y", "E", 2)])]}, ["need 4", "3"]),
        ({"boxes": [box("a", "ket", "ψ", legs=[("i", "W", "chi")])]}, ["'chi'", "not named"]),
        ({"boxes": [box("a", "ket", "ψ", "@A")]}, ["no array named 'A'"]),
        ({"boxes": "many"}, ["boxes", "list"]),
        ({"boxes": [box("a", "ket", "ψ", "[1, 2]"), box("a", "ket", "ψ", "[1, 2]")]}, ["same id"]),
        ({"dims": {"χ": 0}, "boxes": []}, ["dimension", "whole number"]),
        ({"boxes": [box("a", "ket", "ψ", "Rz(1j)")]}, ["angle"]),
    ],
)
def test_a_mistake_is_named_in_one_sentence(data, words):
    shown = Session().handle("update", data)
    assert set(shown) == {"error"}, shown
    for word in words:
        assert word in shown["error"], (word, shown["error"])


def test_the_environment_of_a_box_is_the_derivative_of_the_value():
    session = Session()
    shown = session.handle("environment", {"sketch": ENERGY, "box": "m"})
    sketch = Sketch.from_dict(ENERGY).without("m")
    legs = [(leg.node, leg.side) for leg in sketch.diagram().legs]
    assert legs == [(1, "W"), (0, "E")]  # the ket's leg (M's j), then the bra's (M's i)
    expected = np.outer(V, V.conj())  # ∂⟨v|M|v⟩/∂M_ij = v*_i v_j, indexed [j, i]
    assert np.allclose(sketch.diagram().value(), expected)
    assert shown["of"] == "M" and "svg" in shown


def test_auto_layout_keeps_the_pinned_boxes():
    data = json.loads(json.dumps(S5))
    data["boxes"][0]["cell"], data["boxes"][1]["cell"] = [3, 2], [0, 0]
    data["boxes"][1]["pinned"] = False
    cells = Session().handle("layout", data)["cells"]
    assert cells["h"] == [3, 2]  # where the user pinned it
    assert cells["p"] != [0, 0] and cells["p"][0] > 3  # moved by the layout: to the right of H, as Ĥ|ψ⟩ reads


def test_exports_in_every_format():
    session = Session()
    for suffix in ("svg", "tex", "png", "pdf"):
        shown = session.handle("export", {"sketch": S4, "format": suffix})
        assert "error" not in shown, shown
        assert ("text" in shown) if suffix in ("svg", "tex") else ("base64" in shown)
    assert "error" in session.handle("export", {"sketch": S4, "format": "exe"})


def test_save_open_and_load_round_trip(tmp_path):
    path = tmp_path / "s5.json"
    session = Session(path)
    assert session.handle("save", S5) == {"saved": str(path)}
    document = pn.load(path)
    assert document.diagram.value().tolist() == [-3, -9]
    assert document.positions == {0: (0, 0), 1: (1, 0)}
    opened = Session(path).handle("open", None)["sketch"]
    assert Sketch.from_dict(opened).to_dict() == Sketch.from_dict(S5).to_dict()
    assert "error" in Session().handle("save", S5)  # no file named: nothing written anywhere
    with pytest.raises(EditorError, match=r"\.json"):
        Session(tmp_path / "s5.txt")


def test_any_saved_diagram_opens_in_the_editor(tmp_path):
    a = pn.tensor(rng.normal(size=(2, 3)) + 1j, legs=[("x", "W"), ("y", "S")], name="A")
    b = pn.tensor(rng.normal(size=(3, 2)), legs=[("y", "N"), ("z", "E")], name="B")
    diagrams = [
        pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2]),
        pn.ket([1, 2j], name="ψ").dag @ pn.op(M[:2, :2], name="H") @ pn.ket([1, 2j], name="ψ"),
        pn.connect(a, "y", b, "y"),
        pn.copy(2, 3) @ pn.ket([1, 1]),
        3 * (pn.bra([Fraction(1, 2), 1]) @ pn.ket([1, 2])),
    ]
    for diagram in diagrams:
        path = tmp_path / "d.json"
        pn.save(diagram, path)
        sketch = Sketch.from_dict(Session(path).handle("open", None)["sketch"])
        rebuilt = sketch.diagram()
        before = np.asarray(pn.core.arrays.as_numpy(diagram.value())).reshape([leg.dim for leg in diagram.legs])
        after = np.asarray(pn.core.arrays.as_numpy(rebuilt.value())).reshape([leg.dim for leg in rebuilt.legs])
        order = [[(leg.node, leg.name) for leg in rebuilt.legs].index((leg.node, leg.name)) for leg in diagram.legs]
        assert np.allclose(before.astype(complex), np.transpose(after, np.argsort(order)).astype(complex))
    with pytest.raises(EditorError, match="sum of 2 terms"):
        from_diagram(pn.ket([1, 0]) + pn.ket([0, 1]))


# ------------------------------------------------------------------------------------------ the server


def request(server, path, body=None, token=True, headers=None):
    separator = "&" if "?" in path else "?"
    url = f"http://127.0.0.1:{server.server_port}{path}" + (f"{separator}token={server.token}" if token else "")
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    sent = {"Content-Type": "application/json", **(headers or {})}
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=sent), timeout=30) as response:
        return response.status, response.read(), dict(response.headers)


def test_the_server_binds_to_loopback_and_serves_the_page(server):
    assert server.server_address[0] == "127.0.0.1"
    status, body, headers = request(server, "/")
    assert status == 200 and b"editor.js?token=" in body
    assert (
        headers["Referrer-Policy"] == "no-referrer" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    )
    assert request(server, "/editor.js")[1].startswith(b"// The penrose editor")
    status, body, _ = request(server, "/api/update", S4)
    assert json.loads(body)["value"]["text"] == "1"


@pytest.mark.parametrize("path", ["/", "/editor.js", "/api/update"])
def test_the_server_refuses_requests_without_the_token(server, path):
    with pytest.raises(urllib.error.HTTPError) as refused:
        request(server, path, S4 if path.startswith("/api") else None, token=False)
    assert refused.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as wrong:
        request(
            server, path + "?token=" + "x" * len(server.token), S4 if path.startswith("/api") else None, token=False
        )
    assert wrong.value.code == 403


def test_the_server_refuses_other_hosts_other_types_and_big_bodies(server):
    with pytest.raises(urllib.error.HTTPError) as rebound:  # DNS rebinding: a page of another site by this address
        request(server, "/api/update", S4, headers={"Host": "evil.example:80"})
    assert rebound.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as form:  # a cross-site form can only send text or form data
        request(server, "/api/update", b"boxes=1", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.value.code == 415
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=30)
    connection.putrequest("POST", f"/api/update?token={server.token}")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(9 << 20))  # refused on the header, before a byte is read
    connection.endheaders()
    assert connection.getresponse().status == 413
    connection.close()
    assert "unknown request" in json.loads(request(server, "/api/exec", {"code": "1"})[1])["error"]
    assert "not JSON" in json.loads(request(server, "/api/update", b"{NaN")[1])["error"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        request(server, "/../../etc/passwd")
    assert missing.value.code == 404


def test_the_server_saves_only_to_the_named_file(server, tmp_path):
    _, body, _ = request(server, "/api/save", S5)
    assert json.loads(body) == {"saved": str(tmp_path / "page.json")}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.json"]


def test_the_server_stops_when_the_page_is_closed(tmp_path, monkeypatch):
    monkeypatch.setattr("penrose.frontend.editor.server.GRACE", 0.2)
    running = EditorServer(Session())
    serving = threading.Thread(target=running.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    serving.start()
    watching = threading.Thread(target=running.watch, daemon=True)
    watching.start()
    request(running, "/api/bye", b"", headers={"Content-Type": "text/plain"})
    watching.join(timeout=5)
    serving.join(timeout=5)
    assert not serving.is_alive()
    running.server_close()


def test_penrose_edit_refuses_a_file_that_is_not_json(capsys):
    from penrose.frontend.cli import main

    assert main(["edit", "diagram.txt", "--no-browser"]) == 2
    assert ".json" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------ the widget


def test_the_widget_is_two_way_with_a_diagram_in_python():
    pytest.importorskip("anywidget")
    editor = pn.edit(pn.bra([1, 2], name="a") @ pn.ket([3, 4], name="b"))
    assert editor.diagram.value() == 11
    sent = []
    editor.send = sent.append  # the page's request, answered as the page would receive it
    editor._answer(editor, {"id": 7, "action": "update", "payload": editor.sketch}, [])
    assert sent[0]["id"] == 7 and sent[0]["result"]["value"]["text"] == "11"
    editor.diagram = pn.bra([1, 2, 4, 3]) @ pn.ket([5, 1, -3, 2])  # assigning redraws: the synced state changes
    assert [b["entries"] for b in editor.sketch["boxes"]] == ["[1, 2, 4, 3]", "[5, 1, -3, 2]"]
    assert editor.diagram.value() == 1
    sketch = json.loads(json.dumps(editor.sketch))  # an edit in the page: the first entry changed
    sketch["boxes"][0]["entries"] = "[2, 2, 4, 3]"
    editor.sketch = sketch
    assert editor.diagram.value() == 6


def test_arrays_from_the_notebook_attach_to_boxes_by_name():
    pytest.importorskip("anywidget")
    A = rng.normal(size=(2, 2)) + 1j * rng.normal(size=(2, 2))
    editor = pn.edit(pn.bra([1, 0], name="e") @ pn.op(np.eye(2), name="A") @ pn.ket([0, 1], name="f"), arrays={"A": A})
    assert np.isclose(editor.diagram.value(), A[0, 1])
    code = python_code(editor.session.sketch(editor.sketch))
    assert "pn.op(A, name='A')" in code


def test_every_gallery_card_of_one_network_opens_in_the_editor_with_its_value(tmp_path):
    from penrose import gallery

    session = Session()
    names = [example.name for example in gallery.examples()]
    opened = 0
    for example in gallery.examples():
        result = gallery.run(example)
        if result.document is None:
            continue
        answer = session.handle("example", {"name": example.name})
        assert "error" not in answer, (example.name, answer)
        sketch = Sketch.from_dict(answer["sketch"])
        diagram, rebuilt = result.document.diagram, sketch.diagram()
        assert len(rebuilt.nodes) == len(diagram.nodes) + (diagram.coefficient != 1)  # (a number box for it)
        if not diagram.symbolic:
            before = np.asarray(pn.core.arrays.as_numpy(diagram.value())).reshape([leg.dim for leg in diagram.legs])
            after = np.asarray(pn.core.arrays.as_numpy(rebuilt.value())).reshape([leg.dim for leg in rebuilt.legs])
            order = [[(leg.node, leg.name) for leg in rebuilt.legs].index((leg.node, leg.name)) for leg in diagram.legs]
            assert np.allclose(before.astype(complex), np.transpose(after, np.argsort(order)).astype(complex))
        opened += 1
    assert opened >= 25 and len(names) >= 37
    assert "error" in session.handle("example", {"name": "s08_eigen_equation"})  # an equation: said, not drawn


def test_the_widget_runs_in_a_notebook_executed_by_nbconvert_and_its_state_is_saved(tmp_path):
    pytest.importorskip("anywidget")
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import penrose as pn\n"
            "editor = pn.edit(pn.op([[1, 2], [-1, 4]], name='H') @ pn.ket([1, -2], name='ψ'))\n"
            "editor"
        ),
        nbformat.v4.new_code_cell("print(editor.diagram.value())"),
    ]
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", store_widget_state=True)
    client.execute(cwd=str(tmp_path))
    assert notebook.cells[1].outputs[0]["text"].strip() == "[-3 -9]"
    assert "application/vnd.jupyter.widget-view+json" in notebook.cells[0].outputs[0]["data"]
    state = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    (model,) = [m for m in state.values() if m["model_name"] == "AnyModel"]
    assert [box["name"] for box in model["state"]["sketch"]["boxes"]] == ["H", "ψ"]
    assert "penrose editor" in model["state"]["_esm"]


def test_penrose_edit_prints_its_address_serves_and_stops_when_the_page_closes(tmp_path):
    import re
    import subprocess
    import sys

    path = tmp_path / "energy.json"
    pn.save(pn.op([[1, 2], [-1, 4]], name="H") @ pn.ket([1, -2], name="ψ"), path)
    process = subprocess.Popen(
        [sys.executable, "-m", "penrose", "edit", str(path), "--no-browser"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        address = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", process.stdout.readline()).group(0)
        base, token = address.split("/?token=")
        with urllib.request.urlopen(address, timeout=30) as response:
            assert response.status == 200
        opened = urllib.request.Request(
            f"{base}/api/open?token={token}", data=b"null", headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(opened, timeout=30) as response:
            sketch = json.loads(response.read())["sketch"]
        assert Sketch.from_dict(sketch).diagram().value().tolist() == [-3, -9]
        bye = urllib.request.Request(f"{base}/api/bye?token={token}", data=b"", headers={"Content-Type": "text/plain"})
        urllib.request.urlopen(bye, timeout=30).close()
        assert process.wait(timeout=20) == 0  # stopped by itself, a few seconds after the page closed
    finally:
        process.kill()


HOSTILE = "__import__('os').system('touch HACKED')"


@pytest.mark.parametrize(
    "where",
    ["id", "kind", "name", "entries", "leg name", "leg side", "leg dim", "dims name", "title", "line", "action"],
)
def test_hostile_text_in_every_field_is_data_never_code(where, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = json.loads(json.dumps(S5))
    target = data["boxes"][1]
    action = "update"
    if where in ("id", "kind", "name", "entries", "title"):
        (data if where == "title" else target)[where] = HOSTILE
        if where == "id":
            data["lines"][0][1][0] = HOSTILE
    elif where.startswith("leg"):
        target["legs"] = [{"name": "i", "side": "W", "dim": None}]
        target["legs"][0][where.split()[1]] = HOSTILE
    elif where == "dims name":
        data["dims"] = {HOSTILE: 2}
    elif where == "line":
        data["lines"][0][0] = [HOSTILE, HOSTILE]
    else:
        action = HOSTILE
    shown = Session().handle(action, data)
    if "code" in shown:  # the text was taken as a name or title: the code names it, never runs it
        exec(compile(shown["code"], "<generated>", "exec"), {})
    else:
        assert set(shown) == {"error"}
    assert not (tmp_path / "HACKED").exists()
    json.dumps(shown)  # (and the answer is plain JSON)
