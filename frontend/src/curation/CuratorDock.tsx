import { lazy, Suspense, type ComponentProps } from "react";

// The panel's code loads only when a curator opens it: readers never download it.
const CuratorPanel = lazy(() => import("./CuratorPanel").then((m) => ({ default: m.CuratorPanel })));

/** Where the curator panel appears, for a signed-in curator or admin who opened it. */
export function CuratorDock(props: ComponentProps<typeof CuratorPanel>) {
  if (!props.curation.open || !props.curation.viewer?.canCurate) return null;
  return (
    <Suspense fallback={null}>
      <CuratorPanel {...props} />
    </Suspense>
  );
}
