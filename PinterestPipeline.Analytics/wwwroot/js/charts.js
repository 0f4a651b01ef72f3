import { formatNumber, formatTick } from './format.js';

// Bar charts with Chart.js (the UMD build in lib/chart.js, loaded before the modules, as the global Chart).
// No animation: a refresh redraws in place, and what is drawn is final at once.

const palette = ['#2563eb', '#059669', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4b5563'];

/**
 * Draws bars into the canvas, replacing a chart already there.
 * labels: one per bar (a string, or an array for a label on two lines); datasets: [{ label, values }].
 */
export function drawBars(canvas, { labels, datasets, horizontal = false, valueTitle, notes = null }) {
  window.Chart.getChart(canvas)?.destroy();
  const valueAxis = horizontal ? 'x' : 'y';
  const groupAxis = horizontal ? 'y' : 'x';
  return new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: datasets.map((dataset, i) => ({
        label: dataset.label,
        data: dataset.values,
        backgroundColor: palette[i % palette.length],
        borderRadius: 3,
        maxBarThickness: 56,
      })),
    },
    options: {
      indexAxis: groupAxis,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: datasets.length > 1, position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: context => `${context.dataset.label}: ${formatNumber(context.parsed[valueAxis])}`,
            afterLabel: context => notes?.[context.dataIndex] ?? '',
          },
        },
      },
      scales: {
        [valueAxis]: {
          beginAtZero: true,
          title: { display: true, text: valueTitle },
          // Counts and medians of counts: whole-number ticks (never 0.2, 0.4, ...).
          ticks: { precision: 0, callback: value => formatTick(value) },
        },
        // Every group keeps its name: no label is skipped to make room.
        [groupAxis]: { grid: { display: false }, ticks: { autoSkip: false, font: { size: horizontal ? 11 : 12 } } },
      },
    },
  });
}
