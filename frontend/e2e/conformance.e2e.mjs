// GraphQL over HTTP conformance, without a browser: graphql-http's server audits against the real
// binary (no failure, no warning), and /schema.graphql compared with the schema that introspection
// shows, both printed by graphql-js.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from "graphql";
import { serverAudits } from "graphql-http";
import { startServer } from "./harness.mjs";

let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

test("graphql-http's server audits pass without a failure or a warning", async () => {
  const problems = [];
  let notices = 0;
  const audits = serverAudits({ url: `${server.url}/graphql` });
  for (const audit of audits) {
    const result = await audit.fn();
    if (result.status === "ok") continue;
    if (result.status === "notice") {
      notices++;
      console.log(`notice ${result.id} ${result.name}: ${result.reason}`);
      continue;
    }
    problems.push(`${result.status} ${result.id} ${result.name}: ${result.reason}`);
  }
  console.log(`${audits.length} audits, ${problems.length} failures or warnings, ${notices} notices`);
  assert.deepEqual(problems, []);
});

test("/schema.graphql is the schema that introspection shows", async () => {
  const served = await (await fetch(`${server.url}/schema.graphql`)).text();
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      query: getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
    }),
  });
  const body = await response.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  // Both sorted, as the SDL keeps the order of the schema files and introspection its own.
  const print = (schema) => printSchema(lexicographicSortSchema(schema));
  assert.equal(print(buildSchema(served)), print(buildClientSchema(body.data)));
});
