import { describe, expect, it } from "vitest";
import { subgraphToGraph } from "../../graph/fromSubgraph";
import { seedSubgraph } from "../../test/fixtures";
import {
  edgeAppearance,
  FADED_COLOR,
  HOVERED_EDGE_COLOR,
  interactionFor,
  MAX_LABEL_LENGTH,
  nodeAppearance,
  NOT_POINTING,
  shorten,
} from "./appearance";

const CENTRE = "work:borderwork";
const graph = subgraphToGraph(seedSubgraph, CENTRE);
const node = (id: string, pointing = NOT_POINTING) =>
  nodeAppearance(id, graph.getNodeAttributes(id), interactionFor(graph, pointing));
const edge = (id: string, pointing = NOT_POINTING) =>
  edgeAppearance(graph, id, graph.getEdgeAttributes(id), interactionFor(graph, pointing));

describe("nodeAppearance", () => {
  it("draws nodes in their kind's colour and always labels the centre", () => {
    expect(node("person:frowd")).toMatchObject({ color: graph.getNodeAttribute("person:frowd", "color") });
    expect(node(CENTRE)).toMatchObject({ forceLabel: true, highlighted: true });
  });

  it("shortens long labels on the canvas", () => {
    const label = node(CENTRE).label!;
    expect(label.length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
    expect(label.endsWith("…")).toBe(true);
  });

  it("brings a hovered node and its neighbours forward and fades the rest", () => {
    const pointing = { ...NOT_POINTING, hoveredNode: "person:frowd" };
    expect(node("person:frowd", pointing)).toMatchObject({ highlighted: true, forceLabel: true });
    expect(node("org:york", pointing)).toMatchObject({ forceLabel: true });
    expect(node("country:MR", pointing)).toMatchObject({ color: FADED_COLOR, label: null });
    expect(node(CENTRE, pointing).color).not.toBe(FADED_COLOR);
  });

  it("treats a highlight from the side panel like a hover, and the hover wins", () => {
    expect(node("country:MR", { ...NOT_POINTING, highlighted: "org:york" }).color).toBe(FADED_COLOR);
    const both = { ...NOT_POINTING, highlighted: "org:york", hoveredNode: "country:MR" };
    expect(node("country:MR", both)).toMatchObject({ highlighted: true });
  });

  it("ignores pointing at something no longer in the graph", () => {
    expect(node("country:MR", { ...NOT_POINTING, highlighted: "gone" }).color).not.toBe(FADED_COLOR);
  });
});

describe("edgeAppearance", () => {
  it("labels only the hovered edge, with its relationship type", () => {
    expect(edge("e1").label).toBeNull();
    expect(edge("e1", { ...NOT_POINTING, hoveredEdge: "e1" })).toMatchObject({
      label: "AUTHORED",
      color: HOVERED_EDGE_COLOR,
      forceLabel: true,
    });
    expect(node("person:frowd", { ...NOT_POINTING, hoveredEdge: "e1" })).toMatchObject({ forceLabel: true });
  });

  it("brings forward the edges of the active node and fades the others", () => {
    const pointing = { ...NOT_POINTING, hoveredNode: "person:frowd" };
    expect(edge("e7", pointing)).toMatchObject({ label: "AFFILIATED_WITH", size: 2 });
    expect(edge("e4", pointing)).toMatchObject({ color: FADED_COLOR });
  });
});

describe("shorten", () => {
  it("keeps short labels and cuts long ones", () => {
    expect(shorten("Mauritania")).toBe("Mauritania");
    expect(shorten("abcdefghij", 5)).toBe("abcd…");
  });
});
