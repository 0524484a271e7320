import type { ExplorerSigma } from "./useSigma";

/** Buttons to zoom the canvas and fit the whole graph back into view. */
export function ZoomControls({ sigma }: { sigma: ExplorerSigma | null }) {
  const camera = sigma?.getCamera();
  return (
    <div className="zoom-controls" role="group" aria-label="Zoom">
      <button type="button" onClick={() => camera?.animatedZoom({ duration: 200 })} disabled={!camera} title="Zoom in">
        <span aria-hidden="true">+</span>
        <span className="visually-hidden">Zoom in</span>
      </button>
      <button type="button" onClick={() => camera?.animatedUnzoom({ duration: 200 })} disabled={!camera} title="Zoom out">
        <span aria-hidden="true">−</span>
        <span className="visually-hidden">Zoom out</span>
      </button>
      <button type="button" onClick={() => camera?.animatedReset({ duration: 200 })} disabled={!camera} title="Fit the graph">
        <span aria-hidden="true">⤢</span>
        <span className="visually-hidden">Fit the graph</span>
      </button>
    </div>
  );
}
