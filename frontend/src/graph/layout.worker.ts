/// <reference lib="webworker" />
/**
 * The force-directed layout off the main thread: receives a flattened graph, posts positions as
 * ForceAtlas2 settles it, and a last message with `done`.
 */
import { runForceLayout } from "./forceLayout";
import type { ForceInput } from "./layouts";

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<{ id: number; input: ForceInput }>) => {
  const { id, input } = event.data;
  runForceLayout(input, (x, y, done) => {
    self.postMessage({ id, x: x.slice(), y: y.slice(), done });
  });
};
