/**
 * The browser location as a small store: components read it with useLocation, and navigate()
 * pushes or replaces history entries and tells them. The back and forward buttons arrive as
 * popstate events. Each entry carries the breadcrumb trail that led to it (state/trail.ts).
 */
import { useSyncExternalStore } from "react";
import type { Crumb } from "../state/trail";

/** What each history entry remembers besides its URL. */
export interface EntryState {
  trail: Crumb[];
}

/** The location the explorer shows. */
export interface Location {
  pathname: string;
  search: string;
  state: EntryState | null;
}

const listeners = new Set<() => void>();
let current: Location | null = null;

function read(): Location {
  const state = window.history.state as EntryState | null;
  return { pathname: window.location.pathname, search: window.location.search, state: state && Array.isArray(state.trail) ? state : null };
}

function notify(): void {
  current = read();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener("popstate", notify);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener("popstate", notify);
  };
}

function snapshot(): Location {
  current ??= read();
  return current;
}

/** The current location, re-rendering the caller when it changes. */
export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Goes to `url` (a path with its query string), adding a history entry unless told to replace this one. */
export function navigate(url: string, options: { replace?: boolean; state?: EntryState | null } = {}): void {
  const here = `${window.location.pathname}${window.location.search}`;
  const state = options.state === undefined ? (window.history.state as EntryState | null) : options.state;
  if (url === here && !options.state) {
    if (options.replace) return;
  }
  if (options.replace || url === here) window.history.replaceState(state, "", url);
  else window.history.pushState(state, "", url);
  notify();
}

/** Whether a click should be left to the browser (a new tab, a download…) rather than handled in the page. */
export function isModifiedClick(event: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}
