import { describe, expect, it } from "vitest";
import { graphFromLoads } from "../../graph/store";
import { computeVisibility } from "../../graph/visibility";
import { SHAPE_CODES } from "../../graph/shapes";
import { seedPaths, seedSubgraph } from "../../test/fixtures";
import {
  edgeAppearance,
  FADED_COLOR,
  HOVERED_EDGE_COLOR,
  MAX_LABEL_LENGTH,
  nodeAppearance,
  NOT_POINTING,
  PATH_EDGE_COLOR,
  PRIORITY,
  sceneFor,
  shorten,
  type Pointing,
  type SceneInput,
} from "./appearance";

const CENTRE = "work:borderwork";
const graph = graphFromLoads(CENTRE, [{ key: "base", ...seedSubgraph }]);
const node = (id: string, pointing: Pointing = NOT_POINTING, input: SceneInput = {}) =>
  nodeAppearance(id, graph.getNodeAttributes(id), sceneFor(graph, input, pointing));
const edge = (id: string, pointing: Pointing = NOT_POINTING, input: SceneInput = {}) =>
  edgeAppearance(graph, id, graph.getEdgeAttributes(id), sceneFor(graph, input, pointing));

describe("nodeAppearance", () => {
  it("draws nodes in their kind's colour and shape, and always labels the centre first", () => {
    expect(node("person:frowd")).toMatchObject({ color: graph.getNodeAttribute("person:frowd", "color"), shape: SHAPE_CODES.triangle });
    expect(node(CENTRE)).toMatchObject({ forceLabel: true, labelPriority: PRIORITY.centre, shape: SHAPE_CODES.circle });
  });

  it("shortens long labels on the canvas", () => {
    const label = node(CENTRE).label!;
    expect(label.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
    expect(label.endsWith("…")).toBe(true);
    expect(shorten("short")).toBe("short");
  });

  it("brings a hovered node and its neighbours forward and fades the rest", () => {
    const pointing = { ...NOT_POINTING, hoveredNode: "person:frowd" };
    expect(node("person:frowd", pointing)).toMatchObject({ highlighted: true, forceLabel: true, label: "Philippe M. Frowd" });
    expect(node("org:york", pointing)).toMatchObject({ forceLabel: true, labelPriority: PRIORITY.neighbour });
    expect(node("country:MR", pointing)).toMatchObject({ color: FADED_COLOR, label: null });
    expect(node(CENTRE, pointing).color).not.toBe(FADED_COLOR);
  });

  it("treats a highlight and the keyboard cursor like a hover, the hover winning", () => {
    expect(node("country:MR", { ...NOT_POINTING, highlighted: "org:york" }).color).toBe(FADED_COLOR);
    expect(node("country:MR", { ...NOT_POINTING, cursor: "org:york" }).color).toBe(FADED_COLOR);
    const both = { ...NOT_POINTING, highlighted: "org:york", hoveredNode: "country:MR" };
    expect(node("country:MR", both)).toMatchObject({ highlighted: true });
  });

  it("hides filtered nodes and ignores pointing at them", () => {
    const visibility = computeVisibility(graph, { hiddenKinds: ["COUNTRY"], hiddenRelations: [], years: null });
    expect(node("country:MR", NOT_POINTING, { visibility })).toMatchObject({ hidden: true });
    expect(node("person:frowd", { ...NOT_POINTING, hoveredNode: "country:MR" }, { visibility }).color).not.toBe(FADED_COLOR);
  });

  it("takes colours and sizes from the chosen appearance", () => {
    const colors = new Map([["person:frowd", "#123456"]]);
    const sizes = new Map([["person:frowd", 17]]);
    expect(node("person:frowd", NOT_POINTING, { colors, sizes })).toMatchObject({ color: "#123456", size: 17 });
  });

  it("brings the paths forward, labelled, and fades the rest", () => {
    const path = seedPaths.paths[0]!;
    const input = { pathNodes: new Set(path.nodes.map((n) => n.id)), pathEdges: new Set(["e3"]) };
    expect(node("org:iom", NOT_POINTING, input)).toMatchObject({ forceLabel: true, labelPriority: PRIORITY.path });
    expect(node("person:frowd", NOT_POINTING, input).color).toBe(FADED_COLOR);
    expect(edge("e3", NOT_POINTING, input)).toMatchObject({ color: PATH_EDGE_COLOR, label: "STUDIES", forceLabel: true });
    expect(edge("e1", NOT_POINTING, input).color).toBe(FADED_COLOR);
  });
});

describe("edgeAppearance", () => {
  it("labels the hovered edge with its relationship type", () => {
    expect(edge("e1").label).toBeNull();
    expect(edge("e1", { ...NOT_POINTING, hoveredEdge: "e1" })).toMatchObject({ label: "AUTHORED", color: HOVERED_EDGE_COLOR, forceLabel: true });
  });

  it("labels the edges of the active node and fades the others", () => {
    const pointing = { ...NOT_POINTING, hoveredNode: "person:frowd" };
    expect(edge("e7", pointing)).toMatchObject({ label: "AFFILIATED_WITH", forceLabel: true });
    expect(edge("e4", pointing).color).toBe(FADED_COLOR);
  });

  it("hides filtered edges", () => {
    const visibility = computeVisibility(graph, { hiddenKinds: [], hiddenRelations: ["CASE_COUNTRY"], years: null });
    expect(edge("e4", NOT_POINTING, { visibility })).toMatchObject({ hidden: true });
  });
});

describe("large graphs", () => {
  it("bring the neighbourhood forward without fading the rest, and name what pointing touches", async () => {
    const { graphFromLoads: build } = await import("../../graph/store");
    const { FADE_MAX_ORDER, pointedItems } = await import("./appearance");
    const nodes = Array.from({ length: FADE_MAX_ORDER + 1 }, (_, i) => ({ id: `n${i}`, kind: "TOPIC" as const, label: `n${i}` }));
    const edges = [{ id: "e", source: "n1", target: "n2", type: "CITES", properties: [], provenance: null }];
    const big = build("n0", [{ key: "b", nodes, edges }]);
    const scene = sceneFor(big, {}, { ...NOT_POINTING, hoveredNode: "n1" });
    expect(scene.fade).toBe(false);
    expect(nodeAppearance("n5", big.getNodeAttributes("n5"), scene).color).not.toBe(FADED_COLOR);
    expect(nodeAppearance("n2", big.getNodeAttributes("n2"), scene)).toMatchObject({ forceLabel: true });
    const touched = pointedItems(big, scene);
    expect([...touched.nodes].sort()).toEqual(["n1", "n2"]);
    expect([...touched.edges]).toEqual(["e"]);
  });
});

describe("sceneDiff", () => {
  it("names what a filter or a selection touches, and asks for a full pass when paths or colours change", async () => {
    const { sceneDiff } = await import("./appearance");
    const before = sceneFor(graph, {}, NOT_POINTING);
    const visibility = computeVisibility(graph, { hiddenKinds: ["COUNTRY"], hiddenRelations: [], years: null });
    const after = sceneFor(graph, { visibility, selected: "person:frowd" }, NOT_POINTING);
    const diff = sceneDiff(graph, before, after)!;
    expect([...diff.nodes].sort()).toEqual(["country:MR", "country:SS", "person:frowd"]);
    expect([...diff.edges].sort()).toEqual(["e4", "e5"]);
    expect(sceneDiff(graph, before, sceneFor(graph, { colors: new Map() }, NOT_POINTING))).toBeNull();
    expect(sceneDiff(graph, before, sceneFor(graph, { pathNodes: new Set(["org:iom"]) }, NOT_POINTING))).toBeNull();
    // A hover fades everything in a small graph: a full pass.
    expect(sceneDiff(graph, before, sceneFor(graph, {}, { ...NOT_POINTING, hoveredNode: "org:iom" }))).toBeNull();
  });
});
