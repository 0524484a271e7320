import { describe, expect, it } from "vitest";
import { applyViewAction, contentKey, DEFAULT_VIEW, parseView, serialiseView, viewForNewFocus, type GraphView } from "./view";

const full: GraphView = {
  depth: 2,
  expanded: ["p-1", "o-2"],
  more: [{ id: "o-2", type: "STUDIES", dir: "in", pages: 2 }],
  added: ["c-mr"],
  pathTo: "w-9",
  pathFrom: "p-1",
  hiddenKinds: ["COUNTRY", "TOPIC"],
  hiddenRelations: ["BORDERS"],
  years: [2010, 2018],
  layout: "timeline",
  sizeBy: "centrality",
  colorBy: "community",
  selected: "p-1",
  camera: { x: 0.25, y: 0.75, ratio: 0.5 },
  presentation: "table",
};

describe("parseView", () => {
  it("reads the default view from an empty query", () => {
    expect(parseView("")).toEqual(DEFAULT_VIEW);
    expect(parseView("?")).toEqual(DEFAULT_VIEW);
  });

  it("reads every part", () => {
    expect(
      parseView(
        "?depth=2&x=p-1&x=o-2&more=STUDIES.in.2.o-2&add=c-mr&path=w-9&pfrom=p-1&hide=TOPIC,COUNTRY&hiderel=BORDERS" +
          "&years=2010-2018&layout=timeline&size=centrality&color=community&sel=p-1&cam=0.25,0.75,0.5&view=table",
      ),
    ).toEqual(full);
  });

  it.each([
    ["?depth=3", { depth: 1 }],
    ["?layout=spiral", { layout: "force" }],
    ["?size=age&color=mood&view=pie", { sizeBy: "degree", colorBy: "kind", presentation: "graph" }],
    ["?years=2018-2010", { years: [2010, 2018] }],
    ["?years=recent", { years: null }],
    ["?cam=1,2", { camera: null }],
    ["?cam=0.5,0.5,-1", { camera: null }],
    ["?cam=a,b,c", { camera: null }],
    ["?hide=country,TOPIC,<script>", { hiddenKinds: ["TOPIC"] }],
    ["?x=p-1&x=p-1&x=%20", { expanded: ["p-1"] }],
    ["?sel=%20&path=", { selected: null, pathTo: null }],
    ["?pfrom=p-1", { pathFrom: null }],
  ])("falls back to the default for what it cannot read: %s", (search, want) => {
    expect(parseView(search)).toMatchObject(want);
  });

  it("keeps extra pages only for expanded nodes, once per group, and reads ids with dots", () => {
    const view = parseView("?x=a.b&more=AUTHORED.in.3.a.b&more=AUTHORED.in.1.a.b&more=CITES.out.1.zz&more=bad");
    expect(view.more).toEqual([{ id: "a.b", type: "AUTHORED", dir: "in", pages: 3 }]);
  });
});

describe("serialiseView", () => {
  it("writes nothing for the default view", () => {
    expect(serialiseView(DEFAULT_VIEW)).toBe("");
  });

  it("round-trips every part", () => {
    expect(parseView(serialiseView(full))).toEqual(full);
  });

  it("keeps commas readable and escapes ids", () => {
    const s = serialiseView({ ...DEFAULT_VIEW, hiddenKinds: ["TOPIC", "COUNTRY"], expanded: ["a&b=c"] });
    expect(s).toBe("?x=a%26b%3Dc&hide=COUNTRY,TOPIC");
    expect(parseView(s).expanded).toEqual(["a&b=c"]);
  });

  it("rounds the camera", () => {
    const s = serialiseView({ ...DEFAULT_VIEW, camera: { x: 0.123456789, y: 0.5, ratio: 1 } });
    expect(s).toBe("?cam=0.1235,0.5,1");
  });
});

describe("applyViewAction", () => {
  it("expands once, as a step of its own", () => {
    const { view, mode } = applyViewAction(DEFAULT_VIEW, { type: "expand", id: "p-1" });
    expect(view.expanded).toEqual(["p-1"]);
    expect(mode).toBe("push");
    expect(applyViewAction(view, { type: "expand", id: "p-1" })).toEqual({ view, mode: "replace" });
  });

  it("loads more of a group page by page, expanding the node if needed", () => {
    let view = applyViewAction(DEFAULT_VIEW, { type: "more", id: "o-2", relation: "STUDIES", dir: "in" }).view;
    view = applyViewAction(view, { type: "more", id: "o-2", relation: "STUDIES", dir: "in" }).view;
    expect(view.expanded).toEqual(["o-2"]);
    expect(view.more).toEqual([{ id: "o-2", type: "STUDIES", dir: "in", pages: 2 }]);
  });

  it("collapses a node with its extra pages", () => {
    const { view } = applyViewAction(full, { type: "collapse", id: "o-2" });
    expect(view.expanded).toEqual(["p-1"]);
    expect(view.more).toEqual([]);
  });

  it("toggles filters in place, without a history entry", () => {
    const hidden = applyViewAction(DEFAULT_VIEW, { type: "toggleKind", kind: "TOPIC" });
    expect(hidden).toEqual({ view: { ...DEFAULT_VIEW, hiddenKinds: ["TOPIC"] }, mode: "replace" });
    expect(applyViewAction(hidden.view, { type: "toggleKind", kind: "TOPIC" }).view.hiddenKinds).toEqual([]);
    expect(applyViewAction(full, { type: "showAll" }).view).toMatchObject({ hiddenKinds: [], hiddenRelations: [], years: null });
  });

  it("selects an added node, and selects rather than re-adds one already there", () => {
    const added = applyViewAction(DEFAULT_VIEW, { type: "add", id: "c-mr" });
    expect(added).toEqual({ view: { ...DEFAULT_VIEW, added: ["c-mr"], selected: "c-mr" }, mode: "push" });
    expect(applyViewAction(added.view, { type: "add", id: "c-mr" }).mode).toBe("replace");
  });

  it("forgets the camera when the layout or depth changes", () => {
    expect(applyViewAction(full, { type: "layout", layout: "radial" }).view.camera).toBeNull();
    expect(applyViewAction(full, { type: "depth", depth: 1 }).view.camera).toBeNull();
  });
});

describe("viewForNewFocus", () => {
  it("keeps the reader's preferences and drops what belonged to the old graph", () => {
    expect(viewForNewFocus(full)).toEqual({
      ...DEFAULT_VIEW,
      depth: 2,
      hiddenKinds: ["COUNTRY", "TOPIC"],
      hiddenRelations: ["BORDERS"],
      layout: "timeline",
      sizeBy: "centrality",
      colorBy: "community",
      presentation: "table",
    });
  });
});

describe("contentKey", () => {
  it("changes with what is loaded, not with appearance", () => {
    expect(contentKey({ ...full, layout: "radial", selected: null })).toBe(contentKey(full));
    expect(contentKey({ ...full, expanded: ["p-1"] })).not.toBe(contentKey(full));
  });
});
