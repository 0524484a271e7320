// The Neo4j GraphQL Library (@neo4j/graphql) on Apollo Server, over the benchmark's Neo4j, for
// relgraph's API benchmark (relgraph-bench bench-api starts it). Type definitions equivalent to relgraph's
// schema are in typedefs.graphql.
//
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, PORT.
//
// Besides POST /graphql it answers GET /healthz; POST /cypher/start, after which it records the
// Cypher statements the library runs with their parameters; and POST /cypher, which stops
// recording and returns them, so that the benchmark can PROFILE them (integers are written as
// {"$int": "<decimal>"}).
import { readFileSync } from "node:fs";
import http from "node:http";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const env = (k, d) => process.env[k] ?? d;
const database = env("NEO4J_DATABASE", "neo4j");
const driver = neo4j.driver(env("NEO4J_URI", "bolt://127.0.0.1:7732"),
  neo4j.auth.basic(env("NEO4J_USER", "neo4j"), env("NEO4J_PASSWORD", "")));

// Record what the library runs, while asked to: wrap each read transaction's run.
const ran = [];
let record = false;
const recording = {
  session(config) {
    const s = driver.session(config);
    const executeRead = s.executeRead.bind(s);
    s.executeRead = (work, cfg) => executeRead((tx) => {
      const run = tx.run.bind(tx);
      return work(new Proxy(tx, {
        get(target, prop) {
          if (prop === "run") {
            return (query, params) => {
              if (record) ran.push({ query, params });
              return run(query, params);
            };
          }
          const v = Reflect.get(target, prop);
          return typeof v === "function" ? v.bind(target) : v;
        },
      }));
    }, cfg);
    return s;
  },
};
const driverFor = new Proxy(driver, {
  get(target, prop) {
    if (prop === "session") return recording.session;
    const v = Reflect.get(target, prop);
    return typeof v === "function" ? v.bind(target) : v;
  },
});

const typeDefs = readFileSync(new URL("./typedefs.graphql", import.meta.url), "utf8");
const neoSchema = new Neo4jGraphQL({ typeDefs, driver: driverFor });
const schema = await neoSchema.getSchema();
if (process.argv.includes("--print-schema")) {
  const { printSchema } = await import("graphql");
  console.log(printSchema(schema));
  process.exit(0);
}
const apollo = new ApolloServer({ schema, introspection: true });
await apollo.start();

const json = (v) => JSON.stringify(v, (_k, x) => (neo4j.isInt(x) ? { $int: x.toString() } : x));

const server = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks).toString("utf8");
  if (req.url === "/healthz") {
    res.end("ok\n");
    return;
  }
  if (req.url === "/cypher/start" && req.method === "POST") {
    ran.length = 0;
    record = true;
    res.end("recording\n");
    return;
  }
  if (req.url === "/cypher" && req.method === "POST") {
    record = false;
    res.setHeader("content-type", "application/json");
    res.end(json(ran.splice(0)));
    return;
  }
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  try {
    const r = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: new URL(req.url, "http://x").search,
        body: body && headers.get("content-type")?.includes("json") ? JSON.parse(body) : body,
      },
      context: async () => ({ sessionConfig: { database } }),
    });
    for (const [k, v] of r.headers) res.setHeader(k, v);
    res.statusCode = r.status ?? 200;
    if (r.body.kind === "complete") {
      res.end(r.body.string);
    } else {
      for await (const chunk of r.body.asyncIterator) res.write(chunk);
      res.end();
    }
  } catch (e) {
    res.statusCode = 400;
    res.end(JSON.stringify({ errors: [{ message: String(e) }] }));
  }
});
const port = Number(env("PORT", "8733"));
server.keepAliveTimeout = 120000;
server.listen(port, "127.0.0.1", () => console.log(`@neo4j/graphql on http://127.0.0.1:${port}/graphql`));
