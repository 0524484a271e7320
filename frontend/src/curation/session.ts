/**
 * Signing in and out of the explorer. Signing in exchanges an API token (made by an admin with
 * `relgraph token create`) for a session: an HttpOnly cookie the page's script cannot read, and
 * a CSRF token, also kept in a cookie, that the script sends back with every curation request.
 */
import { GraphQLRequestError } from "../api/client";

/** The name of the cookie holding the CSRF token (server.CSRFCookie). */
export const CSRF_COOKIE = "relgraph_csrf";

/** What the server says about a new session. */
export interface SessionInfo {
  name: string;
  role: string;
  expiresAt: string;
  csrfToken: string;
}

/** Reads a cookie's value out of a `document.cookie` string; null when it is not there. */
export function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      const value = rest.join("=");
      return value === "" ? null : decodeURIComponent(value);
    }
  }
  return null;
}

/** The session's CSRF token, or null when not signed in. */
export function readCsrfToken(): string | null {
  return typeof document === "undefined" ? null : cookieValue(document.cookie, CSRF_COOKIE);
}

async function failure(response: Response): Promise<GraphQLRequestError> {
  try {
    const body = (await response.json()) as { errors?: { message?: string; extensions?: { code?: string } }[] };
    const first = body.errors?.[0];
    if (first?.message) return new GraphQLRequestError(first.message, first.extensions?.code ?? null, response.status);
  } catch {
    // Not JSON: fall through.
  }
  return new GraphQLRequestError(`The server answered ${response.status}.`, null, response.status);
}

/** Signs in with an API token. */
export async function signIn(token: string, doFetch: typeof fetch = fetch): Promise<SessionInfo> {
  let response: Response;
  try {
    response = await doFetch("/auth/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: token.trim() }),
      credentials: "same-origin",
    });
  } catch {
    throw new GraphQLRequestError("The relgraph server could not be reached.", "NETWORK");
  }
  if (!response.ok) throw await failure(response);
  return (await response.json()) as SessionInfo;
}

/** Ends the session. */
export async function signOut(doFetch: typeof fetch = fetch): Promise<void> {
  const headers: Record<string, string> = {};
  const csrf = readCsrfToken();
  if (csrf) headers["X-CSRF-Token"] = csrf;
  const response = await doFetch("/auth/session", { method: "DELETE", headers, credentials: "same-origin" });
  if (!response.ok && response.status !== 204) throw await failure(response);
}
