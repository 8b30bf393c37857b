import { BarChart, LineChart } from 'echarts/charts.js';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components.js';
import * as echarts from 'echarts/core.js';
import { SVGRenderer } from 'echarts/renderers.js';
import type { CommandCenter } from './command-center.api.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Draws the trend into `el` (SVG, light on a tablet); returns the disposer. */
export function drawTrend(el: HTMLElement, trend: CommandCenter['trend'], labels: { online: string; other: string; onTime: string; late: string }) {
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: trend.map((p) => `${p.day.slice(8, 10)}/${p.day.slice(5, 7)}`) },
    yAxis: { type: 'value', minInterval: 1 },
    color: ['#1864ab', '#74c0fc', '#2b8a3e', '#c92a2a'],
    series: [
      { name: labels.online, type: 'bar', stack: 'received', data: trend.map((p) => p.receivedOnline) },
      { name: labels.other, type: 'bar', stack: 'received', data: trend.map((p) => p.receivedOther) },
      { name: labels.onTime, type: 'line', data: trend.map((p) => p.resolvedOnTime) },
      { name: labels.late, type: 'line', data: trend.map((p) => p.resolvedLate) },
    ],
  });
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
