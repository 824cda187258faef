/**
 * A stacked bar chart of the coaching dashboard, drawn with Chart.js (static resource `chartjs`, loaded with
 * platformResourceLoader), plus the same figures as a table for screen readers: the canvas is an image with a
 * one-sentence summary, the table holds every number. If the library cannot load, the table stays and a short
 * notice says the chart is missing. The parent passes ready-made series (c/funnelMetrics builds them).
 */
import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import CHART_JS from '@salesforce/resourceUrl/chartjs';

export interface ChartSeries {
    key: string;
    label: string;
    values: number[];
}

/** The slice of the Chart.js API this component uses. */
interface ChartInstance {
    data: { labels: string[]; datasets: Array<Record<string, unknown>> };
    update(): void;
    destroy(): void;
}
type ChartConstructor = new (canvas: HTMLCanvasElement, config: Record<string, unknown>) => ChartInstance;

/** Colours from the SLDS data-visualisation palette, one per series in order. */
const PALETTE = ['#0176d3', '#06a59a', '#fe9339', '#ba01ff', '#ea001e', '#3ba755', '#ff538a', '#7f8ced', '#aa3001', '#706e6b'];

/** Loads Chart.js (loadScript adds the script once per page) and resolves null when it cannot be loaded. */
function loadChartLibrary(component: LightningElement): Promise<ChartConstructor | null> {
    return loadScript(component, CHART_JS)
        .then(() => (window as unknown as { Chart?: ChartConstructor }).Chart ?? null)
        .catch(() => null);
}

export default class FunnelChart extends LightningElement {
    /** Table caption and chart title. */
    @api caption = '';
    /** One-sentence reading of the chart, announced for the canvas. */
    @api summary = '';
    /** Header of the table's first column (what the bars are: reps, lead sources). */
    @api categoryLabel = '';
    /** Shown when Chart.js cannot be loaded. */
    @api unavailableText = '';
    /** Bars run left to right when true. */
    @api horizontal = false;
    @api labels: string[] = [];
    @api series: ChartSeries[] = [];

    unavailable = false;
    private chart: ChartInstance | null = null;
    private library: Promise<ChartConstructor | null> | null = null;
    private drawing = false;

    get rows(): Array<{ key: string; label: string; cells: Array<{ key: string; value: number }> }> {
        return (this.labels ?? []).map((label, index) => ({
            key: `${index}-${label}`,
            label,
            cells: (this.series ?? []).map((s) => ({ key: s.key, value: s.values[index] ?? 0 }))
        }));
    }

    get canvasStyle(): string {
        const bars = Math.max(1, (this.labels ?? []).length);
        return `height: ${Math.min(480, 80 + bars * 32)}px; position: relative;`;
    }

    override renderedCallback(): void {
        if (this.drawing || this.unavailable) return;
        this.drawing = true;
        this.library = this.library ?? loadChartLibrary(this);
        this.library
            .then((Chart) => {
                if (!Chart) {
                    this.unavailable = true;
                    return;
                }
                this.draw(Chart);
            })
            .finally(() => {
                this.drawing = false;
            });
    }

    override disconnectedCallback(): void {
        this.chart?.destroy();
        this.chart = null;
    }

    private datasets(): Array<Record<string, unknown>> {
        return (this.series ?? []).map((s, index) => ({
            label: s.label,
            data: [...s.values],
            backgroundColor: PALETTE[index % PALETTE.length],
            stack: 'all'
        }));
    }

    private draw(Chart: ChartConstructor): void {
        const canvas = this.template?.querySelector('canvas');
        if (!canvas) return;
        const labels = [...(this.labels ?? [])];
        if (this.chart) {
            this.chart.data.labels = labels;
            this.chart.data.datasets = this.datasets();
            this.chart.update();
            return;
        }
        this.chart = new Chart(canvas, {
            type: 'bar',
            data: { labels, datasets: this.datasets() },
            options: {
                indexAxis: this.horizontal ? 'y' : 'x',
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                plugins: { legend: { position: 'bottom' }, title: { display: false } },
                scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true, beginAtZero: true } }
            }
        });
    }
}
