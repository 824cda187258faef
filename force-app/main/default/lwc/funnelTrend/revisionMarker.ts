/**
 * A tiny Chart.js plugin of the trend's own: a dashed vertical line on the time axis at each definition revision, with
 * its caption at the top of the plot. Positions come from c/funnelTrends (revisionMarks); this only draws them.
 * After drawing, the canvas carries `data-revision-marks` ("version@x" per drawn line) so a browser test can find the
 * pixels of a line it did not draw itself.
 */
import type { RevisionMark } from 'c/funnelTrends';

/** The parts of a Chart.js chart the plugin touches. */
export interface MarkerChart {
    ctx: CanvasRenderingContext2D;
    canvas: HTMLCanvasElement;
    chartArea: { top: number; bottom: number; left: number; right: number };
    scales: Record<string, { getPixelForValue(value: number): number } | undefined>;
}

export interface MarkerPlugin {
    id: string;
    afterDatasetsDraw(chart: MarkerChart): void;
}

/** The line's colour (SLDS error red: it reads as "something changed here" against the five step colours). */
export const REVISION_MARK_COLOUR = '#ba0517';

/** The plugin; `marks` is read on every draw, so a redraw after a week/month switch moves the lines. */
export function revisionMarker(marks: () => readonly RevisionMark[], caption: (mark: RevisionMark) => string): MarkerPlugin {
    return {
        id: 'leadgateRevisionMarks',
        afterDatasetsDraw(chart: MarkerChart): void {
            const axis = chart.scales.x;
            const area = chart.chartArea;
            const drawn: string[] = [];
            if (axis) {
                const ctx = chart.ctx;
                for (const mark of marks()) {
                    const x = Math.round(axis.getPixelForValue(mark.position));
                    if (!Number.isFinite(x) || x < area.left || x > area.right) continue;
                    ctx.save();
                    ctx.strokeStyle = REVISION_MARK_COLOUR;
                    ctx.fillStyle = REVISION_MARK_COLOUR;
                    ctx.lineWidth = 2;
                    ctx.setLineDash([6, 4]);
                    ctx.beginPath();
                    ctx.moveTo(x, area.top);
                    ctx.lineTo(x, area.bottom);
                    ctx.stroke();
                    ctx.setLineDash([]);
                    ctx.font = '12px sans-serif';
                    // Captions near the right edge are written leftwards so they stay inside the plot.
                    const leftwards = x > (area.left + area.right) / 2;
                    ctx.textAlign = leftwards ? 'right' : 'left';
                    ctx.fillText(caption(mark), leftwards ? x - 4 : x + 4, area.top + 12);
                    ctx.restore();
                    drawn.push(`${mark.version}@${x}`);
                }
            }
            chart.canvas.dataset.revisionMarks = drawn.join(' ');
        }
    };
}
