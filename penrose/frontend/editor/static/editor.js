// The penrose editor: draw a tensor-network diagram by hand and see its value, cost, worked sum, code and figure.
// One ES module for the page served by `penrose edit` and for the Jupyter widget (anywidget); no build step.
// Everything is computed by penrose in Python: this script only draws what the user places and asks.

const SVG = "http://www.w3.org/2000/svg";
const CELL_W = 130, CELL_H = 100, BOX_W = 60, BOX_H = 44, LEG = 22;
const SIDES = ["W", "E", "N", "S"];
const STEP = { W: [-1, 0], E: [1, 0], N: [0, -1], S: [0, 1] };
const MIRROR = { W: "E", E: "W", N: "N", S: "S" };
const NAMED = ["", "X", "Y", "Z", "I", "H", "S", "T", "CNOT", "CZ", "SWAP", "Rx(pi/2)", "Ry(pi/2)", "Rz(pi/4)"];
const GATE_LEGS = { 1: [["i", "W"], ["j", "E"]], 2: [["o0", "W"], ["o1", "W"], ["i0", "E"], ["i1", "E"]] };
const PALETTE = [
  ["ket", "|ψ⟩", "ket (k)"], ["bra", "⟨φ|", "bra (b)"], ["operator", "A", "operator (o)"],
  ["tensor", "T", "tensor (t)"], ["copy", "δ", "copy dot (.)"], ["scalar", "c", "number (n)"],
];
const GATES = ["X", "Y", "Z", "H", "S", "T", "Rx", "Ry", "Rz", "CNOT", "CZ"];
const KEYS = { k: "ket", b: "bra", o: "operator", t: "tensor", ".": "copy", n: "scalar" };
const DEFAULT_LEGS = {
  ket: [["i", "W"]], bra: [["i", "E"]], operator: [["i", "W"], ["j", "E"]],
  tensor: [["a", "W"], ["b", "E"], ["c", "S"]], copy: [["a", "W"], ["b", "E"], ["c", "S"]], scalar: [],
};

function el(tag, attributes = {}, children = []) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// ------------------------------------------------------------------------------------------ transports
export function httpTransport(token) {
  return {
    async call(action, payload) {
      const response = await fetch(`/api/${action}?token=${encodeURIComponent(token)}`, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload ?? null),
      });
      if (!response.ok) return { error: `the editor's server said ${response.status}: ${await response.text()}` };
      return response.json();
    },
    goodbye() { navigator.sendBeacon(`/api/bye?token=${encodeURIComponent(token)}`, ""); },
    saves: true,
  };
}

export function widgetTransport(model) {
  let next = 0;
  const waiting = new Map();
  model.on("msg:custom", (message) => {
    const resolve = waiting.get(message.id);
    if (resolve) { waiting.delete(message.id); resolve(message.result); }
  });
  return {
    call(action, payload) {
      const id = ++next;
      return new Promise((resolve) => { waiting.set(id, resolve); model.send({ id, action, payload }); });
    },
    goodbye() {},
    saves: false,
  };
}

// ------------------------------------------------------------------------------------------ the editor
export function mount(root, transport, options = {}) {
  root.classList.add("penrose-editor");
  root.replaceChildren();
  const editor = new Editor(root, transport, options);
  editor.start(options.sketch);
  return editor;
}

class Editor {
  constructor(root, transport, options) {
    this.root = root;
    this.transport = transport;
    this.options = options;
    this.state = { boxes: [], lines: [], dims: {}, title: "" };
    this.selected = new Set();
    this.selectedLine = null;
    this.past = [];
    this.future = [];
    this.snap = true;
    this.counter = 0;
    this.sequence = 0;
    this.results = {};
    this.build();
  }

  async start(sketch) {
    if (sketch) this.load(sketch);
    else if (this.transport.saves) {
      const opened = await this.transport.call("open", null);
      if (opened && opened.sketch) this.load(opened.sketch);
      if (opened && opened.path) this.say(`editing ${opened.path}`);
      if (opened && opened.error) this.say(opened.error, true);
    }
    this.draw();
    this.update();
    const listed = await this.transport.call("examples", null);
    for (const example of (listed && listed.examples) || []) {
      this.examples.append(el("option", { value: example.name, text: example.title }));
    }
  }

  async openExample(name) {
    if (!name) return;
    const result = await this.transport.call("example", { name });
    this.examples.value = "";
    if (result.error) return this.say(result.error, true);
    this.remember();
    this.load(result.sketch);
    this.say(`opened the gallery's ${name}`);
    this.changed();
  }

  // ------------------------------------------------------------------ layout of the page
  build() {
    const palette = el("div", { class: "pe-toolbar", role: "toolbar", "aria-label": "palette" });
    for (const [kind, label, title] of PALETTE) {
      palette.append(el("button", {
        class: `pe-kind-${kind}`, "data-kind": kind, title: `add a ${title}`, text: label,
        onpointerdown: (event) => this.startPlacing(event, { kind }),
      }));
    }
    palette.append(el("span", { class: "pe-sep" }));
    for (const gate of GATES) {
      palette.append(el("button", {
        class: "pe-kind-operator", "data-gate": gate, title: `add the gate ${gate}`, text: gate,
        onpointerdown: (event) => this.startPlacing(event, { kind: "gate", gate }),
      }));
    }
    const actions = el("div", { class: "pe-toolbar" }, [
      el("button", { "data-action": "undo", title: "undo (Ctrl+Z)", text: "↶ undo", onclick: () => this.undo() }),
      el("button", { "data-action": "redo", title: "redo (Ctrl+Shift+Z)", text: "↷ redo", onclick: () => this.redo() }),
      el("button", { "data-action": "delete", title: "delete the selection (Delete)", text: "delete", onclick: () => this.remove() }),
      el("button", { "data-action": "dagger", title: "dagger the selection (D)", text: "†", onclick: () => this.toggle("dagger") }),
      el("button", { "data-action": "conjugate", title: "conjugate the selection (C)", text: "*", onclick: () => this.toggle("conjugate") }),
      el("button", { "data-action": "layout", title: "auto layout, pinned boxes kept (L)", text: "auto layout", onclick: () => this.autoLayout() }),
      el("label", { class: "pe-help" }, [
        el("input", { type: "checkbox", checked: true, "data-action": "snap", onchange: (e) => { this.snap = e.target.checked; } }),
        " snap to grid"]),
      el("span", { class: "pe-sep" }),
      el("button", { "data-action": "export-svg", text: "SVG", title: "download the figure as SVG", onclick: () => this.download("svg") }),
      el("button", { "data-action": "export-png", text: "PNG", onclick: () => this.download("png") }),
      el("button", { "data-action": "export-pdf", text: "PDF", onclick: () => this.download("pdf") }),
      el("button", { "data-action": "export-tex", text: "TikZ", onclick: () => this.download("tex") }),
      el("button", { "data-action": "export-json", text: "JSON", title: "download the document (pn.load reads it)", onclick: () => this.downloadDocument() }),
      this.transport.saves ? el("button", { "data-action": "save", text: "save", title: "save to the file named on the command line (Ctrl+S)", onclick: () => this.save() }) : null,
      this.examples = el("select", { "data-action": "example", title: "open a gallery card's diagram",
        onchange: (e) => this.openExample(e.target.value) }, [el("option", { value: "", text: "gallery…" })]),
      el("label", { class: "pe-help", title: "open a document (.json)" }, ["open ",
        el("input", { type: "file", accept: ".json,application/json", "data-action": "open", onchange: (e) => this.openFile(e) })]),
    ]);
    this.canvas = el("svg:svg", { class: "pe-canvas", tabindex: "0", "aria-label": "drawing" });
    this.canvas.addEventListener("pointerdown", (event) => this.canvasDown(event));
    this.canvas.addEventListener("keydown", (event) => this.key(event));
    this.message = el("div", { class: "pe-message", role: "status" });
    const help = el("div", { class: "pe-help", text:
      "Drag a box from the palette (or click it), drag from a leg's end to another leg to join them, drag boxes to move them. " +
      "Keys: k ket, b bra, o operator, t tensor, . copy dot, n number, Delete, D dagger, C conjugate, L layout, " +
      "arrows move, Ctrl+Z / Ctrl+Shift+Z undo / redo, Ctrl+A all." });
    this.inspector = el("div", { class: "pe-panel pe-inspector" });
    this.dimensions = el("div", { class: "pe-panel pe-dims" });
    this.root.append(el("div", { class: "pe-left" }, [palette, actions, this.canvas, this.message, help, this.inspector, this.dimensions]));

    this.valuePanel = el("div", { class: "pe-panel", "data-panel": "value" });
    this.costPanel = el("div", { class: "pe-panel", "data-panel": "cost" });
    this.workPanel = el("div", { class: "pe-panel", "data-panel": "work" });
    this.environmentPanel = el("div", { class: "pe-panel", "data-panel": "environment" });
    this.figurePanel = el("div", { class: "pe-panel pe-figure", "data-panel": "figure" });
    this.codePanel = el("div", { class: "pe-panel", "data-panel": "code" });
    this.tikzPanel = el("div", { class: "pe-panel", "data-panel": "tikz" });
    this.root.append(el("div", { class: "pe-right" }, [this.valuePanel, this.costPanel, this.figurePanel,
      this.workPanel, this.environmentPanel, this.codePanel, this.tikzPanel]));
    window.addEventListener("pointermove", (event) => this.pointerMove(event));
    window.addEventListener("pointerup", (event) => this.pointerUp(event));
    window.addEventListener("pagehide", () => this.transport.goodbye());
    this.showEnvironment();
  }

  say(text, bad = false) {
    this.message.textContent = text || "";
    this.message.classList.toggle("pe-bad", Boolean(bad));
  }

  // ------------------------------------------------------------------ the state and its history
  load(sketch) {
    this.state = {
      boxes: (sketch.boxes || []).map((box) => ({ ...box, legs: (box.legs || []).map((leg) => ({ ...leg })) })),
      lines: sketch.lines || [], dims: sketch.dims || {}, title: sketch.title || "",
    };
    for (const box of this.state.boxes) {
      const number = Number(String(box.id).replace(/\D/g, ""));
      if (number >= this.counter) this.counter = number + 1;
    }
    this.selected.clear();
  }

  remember() {
    this.past.push(JSON.stringify(this.state));
    if (this.past.length > 200) this.past.shift();
    this.future = [];
  }

  changed() { this.draw(); this.update(); }

  undo() {
    if (!this.past.length) return this.say("nothing to undo");
    this.future.push(JSON.stringify(this.state));
    this.state = JSON.parse(this.past.pop());
    this.selected = new Set([...this.selected].filter((id) => this.box(id)));
    this.changed();
  }

  redo() {
    if (!this.future.length) return this.say("nothing to redo");
    this.past.push(JSON.stringify(this.state));
    this.state = JSON.parse(this.future.pop());
    this.changed();
  }

  box(id) { return this.state.boxes.find((box) => box.id === id); }

  freeName(base) {
    const names = new Set(this.state.boxes.map((box) => box.name));
    if (!names.has(base)) return base;
    for (let k = 2; ; k++) if (!names.has(`${base}${k}`)) return `${base}${k}`;
  }

  freeCell() {
    const taken = new Set(this.state.boxes.map((box) => `${Math.round(box.cell[0])},${Math.round(box.cell[1])}`));
    for (let row = 0; ; row++) for (let column = 0; column < 5; column++) {
      if (!taken.has(`${column},${row}`)) return [column, row];
    }
  }

  add(spec, cell) {
    const id = `b${this.counter++}`;
    let box;
    if (spec.kind === "gate") {
      const wires = spec.gate === "CNOT" || spec.gate === "CZ" ? 2 : 1;
      const rotation = ["Rx", "Ry", "Rz"].includes(spec.gate);
      const legs = GATE_LEGS[wires].map(([name, side]) => ({ name, side, dim: 2 }));
      box = { id, kind: wires === 2 ? "tensor" : "operator", name: this.freeName(spec.gate), legs,
        entries: rotation ? `${spec.gate}(pi/4)` : spec.gate };
    } else {
      const base = { ket: "ψ", bra: "φ", operator: "A", tensor: "T", copy: "δ", scalar: "c" }[spec.kind];
      box = { id, kind: spec.kind, name: spec.kind === "copy" ? null : this.freeName(base),
        legs: DEFAULT_LEGS[spec.kind].map(([name, side]) => ({ name, side, dim: 2 })),
        entries: spec.kind === "scalar" ? "1" : "" };
    }
    Object.assign(box, { dagger: false, conjugate: false, cell: cell || this.freeCell(), pinned: true });
    this.remember();
    this.state.boxes.push(box);
    this.selected = new Set([id]);
    this.selectedLine = null;
    this.say(`added ${box.name || box.kind}: drag from its legs to join it`);
    this.changed();
    return box;
  }

  remove() {
    if (this.selectedLine !== null) {
      this.remember();
      this.state.lines.splice(this.selectedLine, 1);
      this.selectedLine = null;
      return this.changed();
    }
    if (!this.selected.size) return this.say("select a box or a line first");
    this.remember();
    this.state.boxes = this.state.boxes.filter((box) => !this.selected.has(box.id));
    this.state.lines = this.state.lines.filter(([a, b]) => !this.selected.has(a[0]) && !this.selected.has(b[0]));
    this.selected.clear();
    this.changed();
  }

  toggle(field) {
    if (!this.selected.size) return this.say("select a box first");
    this.remember();
    for (const id of this.selected) { const box = this.box(id); box[field] = !box[field]; }
    this.changed();
  }

  // ------------------------------------------------------------------ geometry
  centre(box) { return [box.cell[0] * CELL_W + CELL_W / 2, box.cell[1] * CELL_H + CELL_H / 2]; }

  shownSide(box, leg) { return box.dagger ? MIRROR[leg.side] : leg.side; }

  size(box) {
    if (box.kind === "copy") return [12, 12];
    if (box.kind === "scalar") return [BOX_H, BOX_H];
    const west = box.legs.filter((leg) => this.shownSide(box, leg) === "W").length;
    const east = box.legs.filter((leg) => this.shownSide(box, leg) === "E").length;
    const height = Math.max(BOX_H, 30 * Math.max(west, east));
    return [Math.max(BOX_W, 12 + 11 * (box.name || "").length), height];
  }

  legEnd(box, leg) {
    const side = this.shownSide(box, leg);
    const same = box.legs.filter((other) => this.shownSide(box, other) === side);
    const k = same.indexOf(leg);
    const [x, y] = this.centre(box);
    const [w, h] = this.size(box);
    const along = (k + 1) / (same.length + 1);
    const [dx, dy] = STEP[side];
    if (side === "W" || side === "E") {
      const base = [x + dx * w / 2, y - h / 2 + along * h];
      return { base, end: [base[0] + dx * LEG, base[1]], side };
    }
    const base = [x - w / 2 + along * w, y + dy * h / 2];
    return { base, end: [base[0], base[1] + dy * LEG], side };
  }

  joined(id, name) {
    return this.state.lines.findIndex(([a, b]) => (a[0] === id && a[1] === name) || (b[0] === id && b[1] === name));
  }

  size_of(box, leg) {
    const dim = leg.dim;
    if (typeof dim === "number") return dim;
    if (typeof dim === "string" && /^\d+$/.test(dim)) return Number(dim);
    if (typeof dim === "string" && dim in this.state.dims) return this.state.dims[dim];
    return null;
  }

  // ------------------------------------------------------------------ drawing the canvas
  draw() {
    const canvas = this.canvas;
    canvas.replaceChildren();
    const width = canvas.clientWidth || 700, height = canvas.clientHeight || 460;
    const columns = Math.max(6, ...this.state.boxes.map((box) => box.cell[0] + 2));
    const rows = Math.max(5, ...this.state.boxes.map((box) => box.cell[1] + 2));
    const viewWidth = Math.max(width, columns * CELL_W), viewHeight = Math.max(height, rows * CELL_H);
    canvas.setAttribute("viewBox", `0 0 ${viewWidth} ${viewHeight}`);
    const grid = el("svg:g");
    for (let c = 0; c < columns; c++) for (let r = 0; r < rows; r++) {
      grid.append(el("svg:circle", { class: "pe-grid", cx: c * CELL_W + CELL_W / 2, cy: r * CELL_H + CELL_H / 2, r: 2 }));
    }
    canvas.append(grid);
    this.state.lines.forEach(([a, b], k) => {
      const first = this.box(a[0]), second = this.box(b[0]);
      if (!first || !second) return;
      const legA = first.legs.find((leg) => leg.name === a[1]), legB = second.legs.find((leg) => leg.name === b[1]);
      if (!legA || !legB) return;
      const p = this.legEnd(first, legA), q = this.legEnd(second, legB);
      const d = curve(p, q);
      const selected = this.selectedLine === k;
      canvas.append(el("svg:path", { class: `pe-line${selected ? " pe-selected" : ""}`, d, "data-line": k }));
      canvas.append(el("svg:path", { class: "pe-line-hit", d, "data-line": k }));
    });
    for (const box of this.state.boxes) canvas.append(this.drawBox(box));
    this.rubber = el("svg:path", { class: "pe-rubber", d: "" });
    canvas.append(this.rubber);
    this.inspect();
    this.showDimensions();
  }

  drawBox(box) {
    const [x, y] = this.centre(box);
    const [w, h] = this.size(box);
    const group = el("svg:g", { class: `pe-box${this.selected.has(box.id) ? " pe-selected" : ""}`, "data-box": box.id,
      "data-name": box.name || "" });
    for (const leg of box.legs) {
      const { base, end } = this.legEnd(box, leg);
      const joined = this.joined(box.id, leg.name) >= 0;
      const mark = el("svg:g", { class: `pe-leg${joined ? " pe-joined" : ""}`, "data-box": box.id, "data-leg": leg.name });
      mark.append(el("svg:line", { x1: base[0], y1: base[1], x2: end[0], y2: end[1] }));
      mark.append(el("svg:circle", { cx: end[0], cy: end[1], r: 6, "data-box": box.id, "data-leg": leg.name }));
      const [dx, dy] = STEP[this.shownSide(box, leg)];
      mark.append(el("svg:text", { x: end[0] + dx * 10 + (dy ? 8 : 0), y: end[1] + dy * 12 - (dx ? 8 : 0),
        "text-anchor": dx < 0 ? "end" : "start", text: `${leg.name}${leg.dim ? ":" + leg.dim : ""}` }));
      group.append(mark);
    }
    const fill = `var(--${box.kind === "copy" ? "ink" : box.kind})`;
    if (box.kind === "copy") group.append(el("svg:circle", { class: "pe-body", cx: x, cy: y, r: 6, fill }));
    else if (box.kind === "scalar") group.append(el("svg:circle", { class: "pe-body", cx: x, cy: y, r: h / 2, fill }));
    else group.append(el("svg:rect", { x: x - w / 2, y: y - h / 2, width: w, height: h, rx: 6, fill }));
    if (box.kind !== "copy") {
      const name = (box.name || "") + (box.dagger ? "†" : "") + (box.conjugate ? "*" : "");
      group.append(el("svg:text", { x, y, text: name }));
    }
    return group;
  }

  // ------------------------------------------------------------------ pointer: place, move, join
  point(event) {
    const matrix = this.canvas.getScreenCTM();
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return [p.x, p.y];
  }

  cellAt(event) {
    const [x, y] = this.point(event);
    const column = (x - CELL_W / 2) / CELL_W, row = (y - CELL_H / 2) / CELL_H;
    return this.snap ? [Math.max(0, Math.round(column)), Math.max(0, Math.round(row))] :
      [Math.max(0, Math.round(column * 4) / 4), Math.max(0, Math.round(row * 4) / 4)];
  }

  startPlacing(event, spec) {
    event.preventDefault();
    this.gesture = { type: "place", spec, start: [event.clientX, event.clientY] };
  }

  canvasDown(event) {
    this.canvas.focus();
    const target = event.target;
    const leg = target.closest && target.closest("circle[data-leg]");
    if (leg) {
      const box = this.box(leg.getAttribute("data-box"));
      const name = leg.getAttribute("data-leg");
      if (this.joined(box.id, name) >= 0) return this.say(`leg ${name} of ${box.name || box.kind} already has a line: delete it first`, true);
      this.gesture = { type: "join", box, leg: box.legs.find((l) => l.name === name) };
      event.preventDefault();
      return;
    }
    const line = target.getAttribute && target.getAttribute("data-line");
    if (line !== null && line !== undefined && target.classList.contains("pe-line-hit")) {
      this.selected.clear();
      this.selectedLine = Number(line);
      this.say("line selected: Delete removes it");
      return this.draw();
    }
    const group = target.closest && target.closest("g.pe-box");
    if (group) {
      const id = group.getAttribute("data-box");
      if (event.shiftKey) { if (this.selected.has(id)) this.selected.delete(id); else this.selected.add(id); }
      else if (!this.selected.has(id)) this.selected = new Set([id]);
      this.selectedLine = null;
      this.gesture = { type: "move", ids: [...this.selected], start: this.point(event), moved: false };
      event.preventDefault();
      this.draw();
      this.showEnvironment();
      return;
    }
    this.selected.clear();
    this.selectedLine = null;
    this.draw();
    this.showEnvironment();
  }

  pointerMove(event) {
    const gesture = this.gesture;
    if (!gesture) return;
    if (gesture.type === "move") {
      const [x, y] = this.point(event);
      const dx = x - gesture.start[0], dy = y - gesture.start[1];
      if (Math.abs(dx) + Math.abs(dy) > 3) gesture.moved = true;
      for (const id of gesture.ids) {
        const node = this.canvas.querySelector(`g.pe-box[data-box="${CSS.escape(id)}"]`);
        if (node) node.setAttribute("transform", `translate(${dx},${dy})`);
      }
    } else if (gesture.type === "join") {
      const { end } = this.legEnd(gesture.box, gesture.leg);
      const [x, y] = this.point(event);
      this.rubber.setAttribute("d", `M${end[0]},${end[1]} L${x},${y}`);
      for (const node of this.canvas.querySelectorAll(".pe-target")) node.classList.remove("pe-target");
      const over = document.elementFromPoint(event.clientX, event.clientY);
      const mark = over && over.closest && over.closest("g.pe-leg");
      if (mark) mark.classList.add("pe-target");
    }
  }

  pointerUp(event) {
    const gesture = this.gesture;
    this.gesture = null;
    if (!gesture) return;
    if (gesture.type === "place") {
      const rect = this.canvas.getBoundingClientRect();
      const inside = event.clientX >= rect.left && event.clientX <= rect.right && event.clientY >= rect.top && event.clientY <= rect.bottom;
      const moved = Math.abs(event.clientX - gesture.start[0]) + Math.abs(event.clientY - gesture.start[1]) > 4;
      if (inside && moved) this.add(gesture.spec, this.cellAt(event));
      else if (!moved) this.add(gesture.spec);
    } else if (gesture.type === "move") {
      if (!gesture.moved) return;
      const [x, y] = this.point(event);
      const dx = (x - gesture.start[0]) / CELL_W, dy = (y - gesture.start[1]) / CELL_H;
      const round = (v) => (this.snap ? Math.round(v) : Math.round(v * 4) / 4);
      this.remember();
      for (const id of gesture.ids) {
        const box = this.box(id);
        box.cell = [Math.max(0, round(box.cell[0] + dx)), Math.max(0, round(box.cell[1] + dy))];
        box.pinned = true;
      }
      this.changed();
    } else if (gesture.type === "join") {
      this.rubber.setAttribute("d", "");
      const over = document.elementFromPoint(event.clientX, event.clientY);
      const mark = over && over.closest && over.closest("g.pe-leg");
      if (!mark) return this.say("drop the line on another leg's end to join them");
      this.join(gesture.box, gesture.leg, this.box(mark.getAttribute("data-box")), mark.getAttribute("data-leg"));
    }
  }

  join(first, legA, second, name) {
    const legB = second.legs.find((leg) => leg.name === name);
    const label = (box) => box.name || box.kind;
    if (first.id === second.id && legA.name === legB.name) return this.say("a line joins two different legs", true);
    if (this.joined(second.id, name) >= 0) return this.say(`leg ${name} of ${label(second)} already has a line`, true);
    const a = this.size_of(first, legA), b = this.size_of(second, legB);
    if (a !== null && b !== null && a !== b) {
      return this.say(`cannot join: leg ${legA.name} of ${label(first)} has dimension ${a}, leg ${name} of ${label(second)} has ${b}; ` +
        "a line joins legs of one dimension", true);
    }
    this.remember();
    this.state.lines.push([[first.id, legA.name], [second.id, name]]);
    this.say(`joined ${label(first)}.${legA.name} and ${label(second)}.${name}`);
    this.changed();
  }

  // ------------------------------------------------------------------ keyboard
  key(event) {
    if (event.target !== this.canvas) return;
    const control = event.ctrlKey || event.metaKey;
    const key = event.key;
    let handled = true;
    if (control && key.toLowerCase() === "z") event.shiftKey ? this.redo() : this.undo();
    else if (control && key.toLowerCase() === "y") this.redo();
    else if (control && key.toLowerCase() === "a") { this.selected = new Set(this.state.boxes.map((b) => b.id)); this.draw(); }
    else if (control && key.toLowerCase() === "s") this.save();
    else if (control) handled = false;
    else if (key === "Delete" || key === "Backspace") this.remove();
    else if (key === "Escape") { this.selected.clear(); this.selectedLine = null; this.draw(); }
    else if (key === "d" || key === "D") this.toggle("dagger");
    else if (key === "c" || key === "C") this.toggle("conjugate");
    else if (key === "l" || key === "L") this.autoLayout();
    else if (key in KEYS) this.add({ kind: KEYS[key] });
    else if (key.startsWith("Arrow") && this.selected.size) {
      const [dx, dy] = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[key];
      this.remember();
      for (const id of this.selected) {
        const box = this.box(id);
        box.cell = [Math.max(0, box.cell[0] + dx), Math.max(0, box.cell[1] + dy)];
      }
      this.changed();
    } else handled = false;
    if (handled) event.preventDefault();
  }

  // ------------------------------------------------------------------ the inspector: name, entries, legs
  inspect() {
    const panel = this.inspector;
    panel.replaceChildren(el("h3", { text: "selected box" }));
    if (this.selected.size !== 1) {
      panel.append(el("div", { class: "pe-help", text: this.selected.size ? `${this.selected.size} boxes selected` : "Click a box to name it, set its entries and legs." }));
      return;
    }
    const box = this.box([...this.selected][0]);
    const edit = (apply) => (event) => { this.remember(); apply(event.target); this.changed(); };
    panel.append(el("label", {}, ["name ", el("input", { value: box.name || "", "data-field": "name", size: 8,
      onchange: edit((input) => { box.name = input.value.trim() || null; }) })]));
    panel.append(el("label", {}, [el("input", { type: "checkbox", checked: box.dagger, "data-field": "dagger", onchange: edit((i) => { box.dagger = i.checked; }) }), " dagger †"]));
    panel.append(el("label", {}, [el("input", { type: "checkbox", checked: box.conjugate, "data-field": "conjugate", onchange: edit((i) => { box.conjugate = i.checked; }) }), " conjugate *"]));
    panel.append(el("label", {}, [el("input", { type: "checkbox", checked: box.pinned, "data-field": "pinned", onchange: edit((i) => { box.pinned = i.checked; }) }), " pinned"]));
    if (box.kind !== "copy") {
      const named = el("select", { "data-field": "named", onchange: edit((s) => { if (s.value) { box.entries = s.value; clearNumbers(box); } }) },
        NAMED.map((name) => el("option", { value: name, text: name || "a named matrix…" })));
      panel.append(el("div", {}, [
        el("div", { class: "pe-help", text: box.kind === "scalar" ? "the number (empty: symbolic)" :
          "entries: numbers and lists, e.g. [[1, 2], [-1, 4]], 1/sqrt(2), 1j (empty: symbolic)" }),
        el("textarea", { "data-field": "entries", spellcheck: "false", text: box.entries || "",
          onchange: edit((t) => { box.entries = t.value; clearNumbers(box); }) }),
        named,
      ]));
    }
    if (box.kind === "scalar") return;
    const table = el("table");
    table.append(el("tr", {}, ["leg", "side", "dimension", ""].map((text) => el("td", { class: "pe-help", text }))));
    box.legs.forEach((leg, k) => {
      const fixed = box.kind === "ket" || box.kind === "bra" || box.kind === "operator";
      table.append(el("tr", {}, [
        el("td", {}, [el("input", { class: "pe-short", value: leg.name, "data-leg-field": "name", onchange: edit((i) => {
          const old = leg.name; leg.name = i.value.trim() || old;
          for (const line of this.state.lines) for (const end of line) if (end[0] === box.id && end[1] === old) end[1] = leg.name;
        }) })]),
        el("td", {}, [el("select", { "data-leg-field": "side", disabled: fixed, onchange: edit((s) => { leg.side = s.value; }) },
          SIDES.map((side) => el("option", { value: side, text: side, selected: side === leg.side })))]),
        el("td", {}, [el("input", { class: "pe-short", value: leg.dim ?? "", "data-leg-field": "dim", title: "a number, or a name from the dimensions below",
          onchange: edit((i) => { const v = i.value.trim(); leg.dim = /^\d+$/.test(v) ? Number(v) : (v || null); }) })]),
        el("td", {}, [fixed ? null : el("button", { text: "×", title: "remove this leg", onclick: edit(() => {
          box.legs.splice(k, 1);
          this.state.lines = this.state.lines.filter(([a, b]) => !(a[0] === box.id && a[1] === leg.name) && !(b[0] === box.id && b[1] === leg.name));
        }) })]),
      ]));
    });
    panel.append(table);
    if (box.kind === "tensor" || box.kind === "copy") {
      const side = el("select", {}, SIDES.map((s) => el("option", { value: s, text: s })));
      panel.append(el("div", {}, [el("button", { text: "+ leg", "data-action": "add-leg", onclick: edit(() => {
        const taken = new Set(box.legs.map((leg) => leg.name));
        let name = "a"; for (let c = 97; taken.has(name); c++) name = String.fromCharCode(c);
        box.legs.push({ name, side: side.value, dim: box.legs[0]?.dim ?? 2 });
      }) }), " on side ", side]));
    }
    panel.append(el("button", { text: "environment of this box", "data-action": "environment", onclick: () => this.showEnvironment(true) }));
  }

  showDimensions() {
    const panel = this.dimensions;
    panel.replaceChildren(el("h3", { text: "named dimensions" }));
    const line = el("div");
    for (const [name, size] of Object.entries(this.state.dims)) {
      line.append(el("label", {}, [`${name} = `, el("input", { class: "pe-short", value: size, "data-dim": name, onchange: (e) => {
        const v = Number(e.target.value); if (!Number.isInteger(v) || v < 1) return this.say(`${name}: a dimension is a whole number`, true);
        this.remember(); this.state.dims[name] = v; this.changed();
      } }), el("button", { text: "×", onclick: () => { this.remember(); delete this.state.dims[name]; this.changed(); } })]));
    }
    const name = el("input", { class: "pe-short", placeholder: "χ", "data-new-dim": "name" });
    const size = el("input", { class: "pe-short", placeholder: "8", "data-new-dim": "size" });
    line.append(el("label", {}, [name, " = ", size, el("button", { text: "name it", "data-action": "add-dim", onclick: () => {
      const n = name.value.trim(), v = Number(size.value);
      if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(n) || !Number.isInteger(v) || v < 1) return this.say("a dimension is a name (χ, d, D) and a whole number", true);
      this.remember(); this.state.dims[n] = v; this.changed();
    } })]));
    panel.append(line, el("div", { class: "pe-help", text: "Legs may use these names as their dimension; the cost is then written in them, e.g. O(χ³d)." }));
  }

  // ------------------------------------------------------------------ talking to penrose
  sketch() { return JSON.parse(JSON.stringify(this.state)); }

  update() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 120);
    if (this.options.onChange) this.options.onChange(this.sketch());
  }

  async refresh() {
    const sequence = ++this.sequence;
    this.root.dataset.busy = "1";
    const result = await this.transport.call("update", this.sketch());
    if (sequence !== this.sequence) return;
    this.results = result || {};
    delete this.root.dataset.busy;
    this.showResults();
    this.root.dataset.updated = String(sequence);
  }

  showResults() {
    const r = this.results;
    const problem = r.error || r.value_error || r.figure_error;
    this.valuePanel.replaceChildren(el("h3", { text: "value" }));
    if (r.empty) this.valuePanel.append(el("div", { class: "pe-help", text: r.message }));
    else if (r.value && r.value.symbolic) this.valuePanel.append(el("div", { class: "pe-help", "data-value": "symbolic", text: r.value.text }));
    else if (r.error) this.valuePanel.append(el("div", { class: "pe-message pe-bad", "data-value": "error", text: r.error }));
    else if (r.value_error) this.valuePanel.append(el("div", { class: "pe-message pe-bad", text: r.value_error }));
    else if (r.value) {
      this.valuePanel.append(el("div", { class: "pe-value", "data-value": "text", text: r.value.text }));
      if (r.value.dirac) this.valuePanel.append(el("div", { class: "pe-dirac", "data-value": "dirac", text: r.value.dirac }));
      this.valuePanel.append(el("div", { class: "pe-help", text: `${r.kind}${r.value.shape && r.value.shape.length ? ", shape (" + r.value.shape.join(", ") + ")" : ""}${r.value.exact ? ", exact" : ""}` }));
    }
    if (problem && !r.error) this.say(problem, true);
    else if (r.error) this.say(r.error, true);
    this.costPanel.replaceChildren(el("h3", { text: "cost" }));
    if (r.cost) {
      this.costPanel.append(el("div", { "data-value": "cost", text:
        `${r.cost.scaling}: ${Number(r.cost.flops).toLocaleString("en")} FLOPs, largest intermediate ${Number(r.cost.largest).toLocaleString("en")} entries` }));
    }
    this.figurePanel.replaceChildren(el("h3", { text: "figure (as laid out here)" }));
    if (r.svg) this.figurePanel.append(svgNode(r.svg));
    if (r.figure_note) this.figurePanel.append(el("div", { class: "pe-help", text: r.figure_note }));
    this.workPanel.replaceChildren(el("h3", { text: "worked sum" }));
    if (r.work) this.workPanel.append(el("pre", { "data-value": "work", text: r.work }));
    else if (r.value && !r.value.symbolic) this.workPanel.append(el("div", { class: "pe-help", text: "written out for small diagrams only" }));
    this.codePanel.replaceChildren(el("h3", { text: "Python" }),
      el("details", { open: true }, [el("summary", { text: "the code that builds this diagram" }), el("pre", { "data-value": "code", text: r.code || "" })]));
    this.tikzPanel.replaceChildren(el("h3", { text: "TikZ" }),
      el("details", {}, [el("summary", { text: "for LaTeX slides (\\usepackage{tikz})" }), el("pre", { "data-value": "tikz", text: r.tikz || "" })]));
  }

  async showEnvironment(asked = false) {
    this.environmentPanel.replaceChildren(el("h3", { text: "environment" }));
    if (this.selected.size !== 1) {
      this.environmentPanel.append(el("div", { class: "pe-help", text: "Select a box: its environment is the diagram without it, the derivative of the value with respect to it." }));
      return;
    }
    if (!asked) return;
    const id = [...this.selected][0];
    const result = await this.transport.call("environment", { sketch: this.sketch(), box: id });
    if (result.error) { this.environmentPanel.append(el("div", { class: "pe-message pe-bad", text: result.error })); return; }
    this.environmentPanel.append(el("div", { class: "pe-help", text: `∂(value)/∂${result.of}: the diagram without ${result.of}` }));
    if (result.svg) this.environmentPanel.append(svgNode(result.svg));
    if (result.value) this.environmentPanel.append(el("div", { class: "pe-value", "data-value": "environment", text: result.value.text }));
  }

  async autoLayout() {
    const result = await this.transport.call("layout", this.sketch());
    if (result.error) return this.say(result.error, true);
    this.remember();
    for (const box of this.state.boxes) if (result.cells[box.id]) box.cell = result.cells[box.id];
    this.say("laid out by penrose (pinned boxes kept)");
    this.changed();
  }

  async download(format) {
    const result = await this.transport.call("export", { sketch: this.sketch(), format });
    if (result.error) return this.say(result.error, true);
    const name = `${this.state.title || "diagram"}.${format}`;
    const bytes = result.base64 ? Uint8Array.from(atob(result.base64), (c) => c.charCodeAt(0)) : result.text;
    saveBlob(new Blob([bytes], { type: result.mime }), name);
    this.lastExport = { format, text: result.text || null };
    this.say(`exported ${name}`);
  }

  async downloadDocument() {
    const result = await this.transport.call("document", this.sketch());
    if (result.error) return this.say(result.error, true);
    saveBlob(new Blob([result.text], { type: "application/json" }), `${this.state.title || "diagram"}.json`);
    this.say("downloaded the document: pn.load reads it, penrose edit opens it");
  }

  async save() {
    if (!this.transport.saves) return;
    const result = await this.transport.call("save", this.sketch());
    if (result.error) return this.say(result.error, true);
    this.say(`saved ${result.saved}`);
  }

  async openFile(event) {
    const file = event.target.files && event.target.files[0];
    if (!file) return;
    const result = await this.transport.call("read", { text: await file.text() });
    if (result.error) return this.say(result.error, true);
    this.remember();
    this.load(result.sketch);
    this.say(`opened ${file.name}`);
    this.changed();
  }
}

function clearNumbers(box) {
  // typed entries give the legs their dimensions: numbers set before give way (named ones stay, and are checked)
  if (box.entries && box.entries.trim()) for (const leg of box.legs) if (typeof leg.dim === "number") leg.dim = null;
}

function curve(p, q) {
  const [ax, ay] = p.end, [bx, by] = q.end;
  const reach = Math.max(30, Math.hypot(bx - ax, by - ay) / 3);
  const [pdx, pdy] = STEP[p.side], [qdx, qdy] = STEP[q.side];
  return `M${p.base[0]},${p.base[1]} L${ax},${ay} C${ax + pdx * reach},${ay + pdy * reach} ${bx + qdx * reach},${by + qdy * reach} ${bx},${by} L${q.base[0]},${q.base[1]}`;
}

function svgNode(text) {
  // penrose's own SVG (user text escaped by penrose), parsed as SVG: no script can come with it
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  if (parsed.nodeName !== "svg") return el("div", { class: "pe-message pe-bad", text: "the figure could not be read" });
  for (const node of parsed.querySelectorAll("script, foreignObject")) node.remove();
  return document.importNode(parsed, true);
}

function saveBlob(blob, name) {
  const link = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

// ------------------------------------------------------------------------------------------ starting
// The page served by `penrose edit` starts the editor itself; the Jupyter widget goes through `render`.
if (typeof document !== "undefined" && document.body && document.body.dataset.penrose === "page") {
  const token = new URL(import.meta.url).searchParams.get("token");
  const editor = mount(document.getElementById("penrose-editor"), httpTransport(token));
  window.penroseEditor = editor;
}

export default {
  render({ model, el: root }) {
    const editor = mount(root, widgetTransport(model), {
      sketch: model.get("sketch"),
      onChange: (sketch) => { model.set("sketch", sketch); model.save_changes(); },
    });
    const redraw = () => {
      const sketch = model.get("sketch");
      if (JSON.stringify(sketch) !== JSON.stringify(editor.sketch())) { editor.load(sketch); editor.draw(); editor.refresh(); }
    };
    model.on("change:sketch", redraw);
    return () => model.off("change:sketch", redraw);
  },
};
