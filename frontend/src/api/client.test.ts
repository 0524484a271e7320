import { describe, expect, it, vi } from "vitest";
import { describeError, GraphQLRequestError, request, requestWithRetry, typedDocument } from "./client";

const PING = typedDocument<{ ping: string }, { n: number }>("query Ping($n: Int) { ping }");

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("request", () => {
  it("posts the document and variables as JSON and returns the data", async () => {
    const fetch = vi.fn(async () => jsonResponse({ data: { ping: "pong" } }));
    const data = await request(PING, { n: 1 }, { fetch });
    expect(data).toEqual({ ping: "pong" });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/graphql");
    expect(init.method).toBe("POST");
    expect(JSON.parse(init.body as string)).toEqual({ query: PING.source, variables: { n: 1 } });
  });

  it("surfaces the first error's message and code", async () => {
    const fetch = async () =>
      jsonResponse({
        data: null,
        errors: [
          { message: "no entity with id x", extensions: { code: "NOT_FOUND" } },
          { message: "second", extensions: { code: "INTERNAL" } },
        ],
      });
    const err = await request(PING, { n: 1 }, { fetch }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphQLRequestError);
    expect(err).toMatchObject({ message: "no entity with id x", code: "NOT_FOUND" });
    expect(describeError(err)).toBe("Not found: no entity with id x");
  });

  it("reads errors from a non-200 GraphQL response", async () => {
    const fetch = async () => jsonResponse({ errors: [{ message: "Cannot query field" , extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] }, 422);
    await expect(request(PING, { n: 1 }, { fetch })).rejects.toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", status: 422 });
  });

  it("treats a gateway error page as the server being unavailable", async () => {
    const fetch = async () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" });
    const err = await request(PING, { n: 1 }, { fetch }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UNAVAILABLE", status: 502 });
  });

  it("reports a failed fetch as a network error", async () => {
    const fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(request(PING, { n: 1 }, { fetch })).rejects.toMatchObject({ code: "NETWORK" });
  });

  it("passes an abort through unchanged", async () => {
    const fetch = async () => {
      throw new DOMException("Aborted", "AbortError");
    };
    await expect(request(PING, { n: 1 }, { fetch })).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("requestWithRetry", () => {
  it("retries while the database is unavailable, then returns the data", async () => {
    const responses = [
      jsonResponse({ errors: [{ message: "neo4j down", extensions: { code: "UNAVAILABLE" } }] }),
      jsonResponse({ errors: [{ message: "neo4j down", extensions: { code: "UNAVAILABLE" } }] }),
      jsonResponse({ data: { ping: "pong" } }),
    ];
    const fetch = vi.fn(async () => responses.shift()!);
    const retries: string[] = [];
    const data = await requestWithRetry(PING, { n: 1 }, {
      fetch,
      delayMs: 1,
      onRetry: (err, attempt) => retries.push(`${attempt}: ${describeError(err, true)}`),
    });
    expect(data).toEqual({ ping: "pong" });
    expect(retries).toEqual(["1: Database unavailable — retrying", "2: Database unavailable — retrying"]);
  });

  it("does not retry an error that would repeat", async () => {
    const fetch = vi.fn(async () => jsonResponse({ errors: [{ message: "bad id", extensions: { code: "INVALID" } }] }));
    await expect(requestWithRetry(PING, { n: 1 }, { fetch, delayMs: 1 })).rejects.toMatchObject({ code: "INVALID" });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("gives up after the last attempt", async () => {
    const fetch = vi.fn(async () => jsonResponse({ errors: [{ message: "down", extensions: { code: "UNAVAILABLE" } }] }));
    await expect(requestWithRetry(PING, { n: 1 }, { fetch, delayMs: 1, attempts: 3 })).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe("describeError", () => {
  it("words an outage differently while a retry is pending", () => {
    const err = new GraphQLRequestError("neo4j down", "UNAVAILABLE");
    expect(describeError(err, true)).toBe("Database unavailable — retrying");
    expect(describeError(err, false)).toBe("Database unavailable — please try again in a moment.");
  });

  it("shows the server's message for codes it does not know", () => {
    expect(describeError(new GraphQLRequestError("limit too high", "SOMETHING_NEW"))).toBe("limit too high");
  });
});
