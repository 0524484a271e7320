import { describe, expect, it, vi } from "vitest";
import { createHighlightStore } from "./highlight";

describe("createHighlightStore", () => {
  it("notifies subscribers of changes only", () => {
    const store = createHighlightStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    expect(store.get()).toBeNull();
    store.set("W1");
    store.set("W1");
    expect(store.get()).toBe("W1");
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.set(null);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
