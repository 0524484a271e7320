import { useSyncExternalStore } from "react";

/**
 * The entity highlighted from outside the canvas, kept out of React state so that pointing at
 * a list item re-renders only the canvas, not the lists.
 */
export interface HighlightStore {
  get: () => string | null;
  set: (id: string | null) => void;
  subscribe: (listener: () => void) => () => void;
}

/** Creates an empty highlight store. */
export function createHighlightStore(): HighlightStore {
  let current: string | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (id) => {
      if (id === current) return;
      current = id;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The highlighted entity, re-rendering the caller when it changes. */
export function useHighlighted(store: HighlightStore): string | null {
  return useSyncExternalStore(store.subscribe, store.get);
}
