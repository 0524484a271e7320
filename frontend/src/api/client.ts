/**
 * A small GraphQL client for the relgraph API: POST /graphql with JSON, typed by the document,
 * with errors turned into {@link GraphQLRequestError}s that say what to tell the reader.
 */

/** A GraphQL document whose result and variables types travel with it. */
export interface TypedDocument<TData, TVariables> {
  /** The operation text as sent to the server. */
  readonly source: string;
  /** Never set: carries the result type for inference. */
  readonly __data?: TData;
  /** Never set: carries the variables type for inference. */
  readonly __variables?: TVariables;
}

/** Ties a GraphQL operation to the TypeScript types of its result and variables. */
export function typedDocument<TData, TVariables>(source: string): TypedDocument<TData, TVariables> {
  return { source };
}

/**
 * The error codes the server puts in `extensions.code` (see graph.Error on the Go side), plus
 * NETWORK when the server could not be reached at all and BAD_RESPONSE when it answered with
 * something that is not a GraphQL response.
 */
export type ErrorCode =
  | "NOT_FOUND"
  | "INVALID"
  | "CONFLICT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "UNAVAILABLE"
  | "INTERNAL"
  | "NETWORK"
  | "BAD_RESPONSE";

/** A failed request: the server's first error message and code, or a transport failure. */
export class GraphQLRequestError extends Error {
  /** The error code from `extensions.code`, or null when the server gave none. */
  readonly code: ErrorCode | string | null;
  /** The HTTP status of the response, when there was one. */
  readonly status: number | null;

  constructor(message: string, code: ErrorCode | string | null, status: number | null = null) {
    super(message);
    this.name = "GraphQLRequestError";
    this.code = code;
    this.status = status;
  }
}

/** Options for a single request. */
export interface RequestOptions {
  /** Aborts the request, for example when the reader has moved on. */
  signal?: AbortSignal;
  /** The GraphQL endpoint; `/graphql` unless testing. */
  endpoint?: string;
  /** The fetch implementation; the global fetch unless testing. */
  fetch?: typeof fetch;
}

interface GraphQLErrorBody {
  message?: unknown;
  extensions?: { code?: unknown };
}

interface GraphQLResponseBody<TData> {
  data?: TData | null;
  errors?: GraphQLErrorBody[];
}

/**
 * Runs a query and returns its data. It throws a {@link GraphQLRequestError} carrying the first
 * error's message and code when the response has errors, and rethrows an AbortError untouched.
 */
export async function request<TData, TVariables>(
  document: TypedDocument<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TData> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(options.endpoint ?? "/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query: document.source, variables }),
      signal: options.signal,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new GraphQLRequestError("The relgraph server could not be reached.", "NETWORK");
  }

  let body: GraphQLResponseBody<TData>;
  try {
    body = (await response.json()) as GraphQLResponseBody<TData>;
  } catch (err) {
    if (isAbort(err)) throw err;
    const code = response.status === 502 || response.status === 503 || response.status === 504 ? "UNAVAILABLE" : "BAD_RESPONSE";
    throw new GraphQLRequestError(`The server answered ${response.status} ${response.statusText}`.trim() + ".", code, response.status);
  }

  const first = body.errors?.[0];
  if (first) {
    const message = typeof first.message === "string" && first.message !== "" ? first.message : "The request failed.";
    const code = typeof first.extensions?.code === "string" ? first.extensions.code : null;
    throw new GraphQLRequestError(message, code, response.status);
  }
  if (!response.ok || body.data == null) {
    throw new GraphQLRequestError(`The server answered ${response.status} without data.`, "BAD_RESPONSE", response.status);
  }
  return body.data;
}

/** Whether a failed request is worth repeating unchanged: the database or the server was away. */
export function isRetryable(err: unknown): boolean {
  return err instanceof GraphQLRequestError && (err.code === "UNAVAILABLE" || err.code === "NETWORK");
}

/** Whether an error is the rejection of an aborted fetch. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}

/** Options for {@link requestWithRetry}. */
export interface RetryOptions extends RequestOptions {
  /** How many attempts in all before giving up (default 5). */
  attempts?: number;
  /** The delay before the first retry in milliseconds, doubled each time (default 1000). */
  delayMs?: number;
  /** Called before each wait, so the page can say it is retrying. */
  onRetry?: (err: GraphQLRequestError, attempt: number) => void;
}

/** Runs a query like {@link request}, retrying with backoff while the server is unavailable. */
export async function requestWithRetry<TData, TVariables>(
  document: TypedDocument<TData, TVariables>,
  variables: TVariables,
  options: RetryOptions = {},
): Promise<TData> {
  const attempts = options.attempts ?? 5;
  let delay = options.delayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await request(document, variables, options);
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      options.onRetry?.(err as GraphQLRequestError, attempt);
      await sleep(delay, options.signal);
      delay *= 2;
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("Aborted", "AbortError"));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DOMException("Aborted", "AbortError"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The sentence to show a reader for a failed request. `retrying` says whether another attempt
 * is on its way, which changes what an outage looks like.
 */
export function describeError(err: unknown, retrying = false): string {
  if (!(err instanceof GraphQLRequestError)) {
    return err instanceof Error ? `Something went wrong: ${err.message}` : "Something went wrong.";
  }
  switch (err.code) {
    case "UNAVAILABLE":
      return retrying ? "Database unavailable — retrying" : "Database unavailable — please try again in a moment.";
    case "NETWORK":
      return retrying ? "Cannot reach the relgraph server — retrying" : "Cannot reach the relgraph server.";
    case "NOT_FOUND":
      return `Not found: ${err.message}`;
    case "INVALID":
      return `Invalid request: ${err.message}`;
    case "UNAUTHENTICATED":
      return "Please sign in to see this.";
    case "FORBIDDEN":
      return "You are not allowed to see this.";
    case "INTERNAL":
      return "The server hit an internal error. Please try again later.";
    default:
      return err.message;
  }
}
