/** Runs the requests behind each load of a view (see plan.ts) and turns their answers into loads. */
import { describeError, GraphQLRequestError, requestWithRetry, type RetryOptions } from "../api/client";
import {
  NEIGHBOUR_GROUPS,
  NEIGHBOURS,
  PATHS,
  RELATIONS,
  type GraphPath,
  type NeighbourEdge,
  type NeighbourGroup,
} from "../api/documents";
import type { Load } from "../graph/store";
import { PAGE_SIZE, RELATION_LIMITS, type LoadSpec } from "./plan";

/** The answer to one load. */
export interface LoadResult {
  load: Load;
  /** Expansions: each relationship type's group with its total and where the next page starts. */
  groups?: NeighbourGroup[];
  /** The graph of relations: how many entities are within reach in all. */
  reach?: { count: number; capped: boolean };
  /** Paths: the paths found. */
  paths?: GraphPath[];
  /** What went wrong, worded for the reader; the load is then empty. */
  error?: string;
  /** Whether the error says the entity does not exist. */
  notFound?: boolean;
  /** The graph of relations: the entity the asked one was merged into, when the server answered with it. */
  mergedInto?: string;
}

/** The most neighbours asked for in one request (the API's page limit is 100). */
const MAX_PAGE = 96;

function fromNeighbours(key: string, edges: NeighbourEdge[]): Load {
  return { key, nodes: edges.map((e) => e.node), edges: edges.map((e) => e.relationship) };
}

/**
 * Runs one load. `earlier` gives the results of loads it depends on: "load more" continues from
 * the cursor of the expansion's group.
 */
export async function fetchLoad(
  spec: LoadSpec,
  earlier: (key: string) => Promise<LoadResult>,
  options: RetryOptions = {},
): Promise<LoadResult> {
  try {
    switch (spec.type) {
      case "base": {
        const data = await requestWithRetry(RELATIONS, { id: spec.id, depth: spec.depth, limit: RELATION_LIMITS[spec.depth] ?? 200 }, options);
        const { relations, reach } = data;
        if (!relations.nodes.some((n) => n.id === spec.id)) {
          // An entity merged into another answers with that one, first.
          const survivor = relations.nodes[0]?.id;
          if (survivor) return { load: { key: spec.key, nodes: [], edges: [] }, mergedInto: survivor };
          throw new GraphQLRequestError(`there is no entity with the id “${spec.id}”.`, "NOT_FOUND");
        }
        return { load: { key: spec.key, nodes: relations.nodes, edges: relations.edges, truncated: relations.truncated }, reach };
      }
      case "expand": {
        const { neighbourGroups } = await requestWithRetry(NEIGHBOUR_GROUPS, { id: spec.id, first: PAGE_SIZE }, options);
        return { load: fromNeighbours(spec.key, neighbourGroups.flatMap((g) => g.edges)), groups: neighbourGroups };
      }
      case "more": {
        const expansion = await earlier(`x:${spec.id}`);
        const group = expansion.groups?.find((g) => g.type === spec.relation && g.direction === (spec.dir === "in" ? "IN" : "OUT"));
        if (!group || !group.pageInfo.hasNextPage) return { load: { key: spec.key, nodes: [], edges: [] } };
        const edges: NeighbourEdge[] = [];
        let after = group.pageInfo.endCursor;
        let wanted = spec.pages * PAGE_SIZE;
        while (wanted > 0) {
          const first = Math.min(MAX_PAGE, wanted);
          const { neighbours } = await requestWithRetry(
            NEIGHBOURS,
            { id: spec.id, type: spec.relation, direction: spec.dir === "in" ? "IN" : "OUT", first, after },
            options,
          );
          edges.push(...neighbours.edges);
          wanted -= first;
          if (!neighbours.pageInfo.hasNextPage) break;
          after = neighbours.pageInfo.endCursor;
        }
        return { load: fromNeighbours(spec.key, edges) };
      }
      case "path": {
        const { paths } = await requestWithRetry(PATHS, { from: spec.from, to: spec.to, maxLength: 4, first: 3 }, options);
        return {
          load: { key: spec.key, nodes: paths.flatMap((p) => p.nodes), edges: paths.flatMap((p) => p.edges) },
          paths,
        };
      }
      case "add": {
        // The entity and its relationships; those to entities not in the graph are left out when merged.
        const { relations } = await requestWithRetry(RELATIONS, { id: spec.id, depth: 1, limit: 500 }, options);
        const node = relations.nodes.find((n) => n.id === spec.id);
        if (!node) throw new GraphQLRequestError(`there is no entity with the id “${spec.id}”.`, "NOT_FOUND");
        return { load: { key: spec.key, nodes: [node], edges: relations.edges } };
      }
    }
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    return {
      load: { key: spec.key, nodes: [], edges: [] },
      error: describeError(err),
      notFound: err instanceof GraphQLRequestError && err.code === "NOT_FOUND",
    };
  }
}
