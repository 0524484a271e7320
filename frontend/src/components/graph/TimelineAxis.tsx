import { useEffect, useState } from "react";
import { YEAR_WIDTH } from "../../graph/layouts";
import type { ExplorerSigma } from "./useSigma";

/** The least room between two year ticks, in pixels. */
const MIN_TICK_GAP = 56;

/** The years along the top of the timeline layout, following the camera. */
export function TimelineAxis({ sigma, years, version }: { sigma: ExplorerSigma; years: [number, number]; version: number }) {
  const [ticks, setTicks] = useState<{ year: number | string; x: number }[]>([]);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const [first, last] = years;
        const x = (year: number) => sigma.graphToViewport({ x: (year - first) * YEAR_WIDTH, y: 0 }).x;
        const perYear = Math.abs(x(first + 1) - x(first)) || 1;
        const step = [1, 2, 5, 10, 20, 50, 100].find((s) => s * perYear >= MIN_TICK_GAP) ?? 100;
        const { width } = sigma.getDimensions();
        const out: { year: number | string; x: number }[] = [];
        for (let year = Math.ceil(first / step) * step; year <= last; year += step) {
          const px = x(year);
          if (px >= 0 && px <= width) out.push({ year, x: px });
        }
        // Undated entities stand in a column before the first year (see timelinePositions).
        const undated = sigma.getGraph().someNode((_n, a) => a.x < 0);
        const px = x(first - 2);
        if (undated && px >= 0 && px <= width) out.push({ year: "no year", x: px });
        setTicks(out);
      });
    };
    update();
    sigma.on("afterRender", update);
    return () => {
      cancelAnimationFrame(frame);
      sigma.off("afterRender", update);
    };
  }, [sigma, years, version]);

  return (
    <div className="timeline-axis" aria-hidden="true">
      {ticks.map((t) => (
        <span key={t.year} style={{ left: t.x }}>
          {t.year}
        </span>
      ))}
    </div>
  );
}
