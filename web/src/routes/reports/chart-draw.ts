/**
 * Draws one report table with chart.js. This module is only reached by a dynamic import from
 * ReportChart.svelte, so chart.js (its registered parts only) is a chunk of its own that the
 * list route never loads. Colours are the design kit's roles, resolved for the current theme.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
} from 'chart.js';
import { axisTitle, chartValue, type ReportTable, type Unit } from './report-view';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
);

/** Series colours, in order: the kit's roles (AA against the surface in both themes). */
const SERIES_ROLES = [
  '--color-accent',
  '--color-success',
  '--color-danger',
  '--color-warning',
  '--color-assist',
  '--color-line-strong',
];

/** A custom property as the browser computes it (light-dark() resolved), as an rgb() string. */
function resolve(host: HTMLElement, role: string): string {
  const probe = document.createElement('span');
  probe.style.color = `var(${role})`;
  probe.style.display = 'none';
  host.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

export interface DrawnChart {
  destroy(): void;
}

export interface ChartInput {
  readonly table: ReportTable;
  /** The category text of each row, in row order. */
  readonly categories: readonly string[];
  /** The label of each series. */
  readonly seriesLabels: readonly string[];
  /** A click on a segment: the row and the series it belongs to. */
  readonly onpick: (rowIndex: number, seriesKey: string) => void;
}

export function drawChart(canvas: HTMLCanvasElement, input: ChartInput): DrawnChart {
  const { table, categories, seriesLabels, onpick } = input;
  const host = canvas.parentElement ?? document.body;
  const colors = SERIES_ROLES.map((r) => resolve(host, r));
  const text = resolve(host, '--color-text');
  const muted = resolve(host, '--color-muted');
  const grid = resolve(host, '--color-line');
  const surface = resolve(host, '--color-surface');
  const unitOf = (key: string): Unit => table.columns.find((c) => c.key === key)?.unit ?? 'count';
  const unit = unitOf(table.seriesKeys[0] ?? '');
  const pie = table.chart === 'pie';
  const stacked = table.chart === 'stacked-bar';
  const datasets = table.seriesKeys.map((key, i) => {
    const color = colors[i % colors.length] as string;
    return {
      label: seriesLabels[i] ?? key,
      data: table.rows.map((row) => chartValue(unitOf(key), row.cells[key] ?? null)),
      backgroundColor: pie ? table.rows.map((_, j) => colors[j % colors.length] as string) : color,
      borderColor: pie ? surface : color,
      borderWidth: pie ? 2 : table.chart === 'line' ? 2 : 0,
      pointRadius: table.chart === 'line' ? 2 : undefined,
    };
  });
  const config: ChartConfiguration = {
    type: pie ? 'pie' : table.chart === 'line' ? 'line' : 'bar',
    data: { labels: [...categories], datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      color: text,
      onHover: (event, elements) => {
        const target = event.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
      },
      onClick: (_event, elements) => {
        const hit = elements[0];
        const key = hit ? table.seriesKeys[hit.datasetIndex] : undefined;
        if (hit && key) onpick(hit.index, key);
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: text } },
        tooltip: {
          callbacks: {
            label: (c) =>
              `${c.dataset.label ?? ''}: ${c.formattedValue}${unit === 'ratio' ? ' %' : unit === 'ms' ? ' h' : ''}`,
          },
        },
      },
      scales: pie
        ? {}
        : {
            x: { stacked, ticks: { color: muted }, grid: { color: grid } },
            y: {
              stacked,
              beginAtZero: true,
              ...(unit === 'ratio' ? { max: 100 } : {}),
              title: { display: true, text: axisTitle(unit), color: muted },
              ticks: { color: muted, ...(unit === 'count' ? { precision: 0 } : {}) },
              grid: { color: grid },
            },
          },
    },
  };
  const chart = new Chart(canvas, config);
  return { destroy: () => chart.destroy() };
}
