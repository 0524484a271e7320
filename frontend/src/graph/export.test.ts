import { MultiDirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { iomGroups, seedSubgraph } from "../test/fixtures";
import { csvField, edgesCSV, exportItems, nodesCSV, toGEXF, toGraphML, toJSON, toSVG, xmlEscape } from "./export";
import { graphFromLoads } from "./store";
import { ALL_VISIBLE, computeVisibility } from "./visibility";

const CENTRE = "work:borderwork";
const graph = graphFromLoads(CENTRE, [
  { key: "base", ...seedSubgraph },
  { key: "x", nodes: iomGroups.neighbourGroups[0]!.edges.map((e) => e.node), edges: iomGroups.neighbourGroups[0]!.edges.map((e) => e.relationship) },
]);
const look = (node: string) => ({ color: graph.getNodeAttribute(node, "color"), size: graph.getNodeAttribute(node, "size") });

describe("exportItems", () => {
  it("keeps what the filters leave, with identifiers and provenance", () => {
    const items = exportItems(graph, computeVisibility(graph, { hiddenKinds: ["COUNTRY"], hiddenRelations: [], years: null }), look);
    expect(items.nodes.map((n) => n.id)).not.toContain("country:MR");
    expect(items.edges.map((e) => e.id)).not.toContain("e4");
    expect(items.nodes.find((n) => n.id === "journal:jems")?.identifiers).toEqual({ issnl: "1369-183X" });
    expect(items.edges.find((e) => e.id === "e1")).toMatchObject({
      relation: "AUTHORED",
      years: [2018, 2018],
      properties: { position: "1" },
      sources: ["seed"],
      records: ["000_4652aaf653f28d7a.txt"],
    });
  });
});

const items = exportItems(graph, ALL_VISIBLE, look);

describe("toGraphML", () => {
  it("declares every attribute and writes every node and edge", () => {
    const xml = toGraphML(items);
    expect(xml).toContain('<key id="label" for="node" attr.name="label" attr.type="string"/>');
    expect(xml.match(/<node /g)).toHaveLength(items.nodes.length);
    expect(xml.match(/<edge /g)).toHaveLength(items.edges.length);
    expect(xml).toContain('<edge id="e1" source="person:frowd" target="work:borderwork">');
    expect(xml).toContain('<data key="relation">AUTHORED</data>');
    expect(xml).toContain('<data key="issnl">1369-183X</data>');
  });
});

describe("toGEXF", () => {
  it("writes nodes with viz colour, size and position, and labelled edges", () => {
    const xml = toGEXF(items, new Date("2025-03-01T00:00:00Z"));
    expect(xml).toContain('<meta lastmodifieddate="2025-03-01">');
    expect(xml).toMatch(/<node id="person:frowd" label="Philippe M. Frowd">[\s\S]*?<viz:color r="184" g="74" b="0"\/>/);
    expect(xml).toContain('label="STUDIES"');
    expect(xml.match(/<edge /g)).toHaveLength(items.edges.length);
  });
});

describe("CSV", () => {
  it("quotes what needs quoting", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
    expect(csvField(" padded")).toBe('" padded"');
  });

  it("writes a header and a row per node and per edge", () => {
    const nodes = nodesCSV(items).trimEnd().split("\r\n");
    expect(nodes[0]).toBe("id,label,kind,year,doi,orcid,ror,issnl,iso2,x,y,size,color");
    expect(nodes).toHaveLength(items.nodes.length + 1);
    const edges = edgesCSV(items).trimEnd().split("\r\n");
    expect(edges[0]).toBe("id,source,target,relation,years,properties,sources,records");
    expect(edges).toContain("e1,person:frowd,work:borderwork,AUTHORED,2018,position=1,seed,000_4652aaf653f28d7a.txt");
  });
});

describe("toJSON", () => {
  it("is graphology's serialisation, read back by import", () => {
    const back = new MultiDirectedGraph();
    back.import(JSON.parse(toJSON(items)));
    expect(back.order).toBe(items.nodes.length);
    expect(back.size).toBe(items.edges.length);
    expect(back.getNodeAttribute("person:frowd", "label")).toBe("Philippe M. Frowd");
    expect(back.getEdgeAttribute("e1", "relation")).toBe("AUTHORED");
  });
});

describe("toSVG", () => {
  it("draws edges, shaped nodes and labels, escaping text", () => {
    const svg = toSVG({
      width: 200,
      height: 100,
      title: "A <graph>",
      fontSize: 12,
      edges: [{ x1: 10, y1: 10, x2: 50, y2: 50, color: "#8a939d", size: 1 }],
      nodes: [
        { x: 10, y: 10, size: 5, color: "#1d5fb4", shape: "circle", label: "Work & co" },
        { x: 50, y: 50, size: 5, color: "#b84a00", shape: "triangle", label: null },
      ],
    });
    expect(svg).toContain("<title>A &lt;graph&gt;</title>");
    expect(svg).toContain('<line x1="10" y1="10" x2="50" y2="50"');
    expect(svg).toContain('<circle cx="10" cy="10"');
    expect(svg).toMatch(/<polygon points="50,45 [^"]+" fill="#b84a00"\/>/);
    expect(svg).toContain(">Work &amp; co</text>");
    expect(svg.match(/<text /g)).toHaveLength(1);
  });
});

describe("xmlEscape", () => {
  it("escapes markup and drops characters XML cannot hold", () => {
    expect(xmlEscape(`<a href="x">'&'</a>\u0001`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});
