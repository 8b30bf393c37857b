import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandCenter } from './command-center.api.ts';

/**
 * 30-day trend drawn by ECharts, loaded only when this chart is on screen (a separate chunk:
 * citizen pages never download it). The same figures are in the table below the chart, for
 * screen readers and for whoever prefers numbers.
 */
export function TrendChart({ trend }: { trend: CommandCenter['trend'] }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('./echarts-trend.ts').then(({ drawTrend }) => {
      if (disposed || !ref.current) return;
      dispose = drawTrend(ref.current, trend, {
        online: t('commandCenter.trend.online'),
        other: t('commandCenter.trend.other'),
        onTime: t('commandCenter.trend.onTime'),
        late: t('commandCenter.trend.late'),
      });
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [trend, t]);
  const day = (d: string) => d.slice(8, 10) + '/' + d.slice(5, 7);
  return (
    <figure className="cc-figure">
      <div ref={ref} className="cc-chart" aria-hidden="true" data-testid="trend-chart" />
      <figcaption>
        <details>
          <summary>{t('commandCenter.trend.table')}</summary>
          <table className="cc-table">
            <thead>
              <tr>
                <th scope="col">{t('commandCenter.trend.day')}</th>
                <th scope="col">{t('commandCenter.trend.online')}</th>
                <th scope="col">{t('commandCenter.trend.other')}</th>
                <th scope="col">{t('commandCenter.trend.onTime')}</th>
                <th scope="col">{t('commandCenter.trend.late')}</th>
              </tr>
            </thead>
            <tbody>
              {trend.map((p) => (
                <tr key={p.day}>
                  <th scope="row" lang={i18n.language}>{day(p.day)}</th>
                  <td>{p.receivedOnline}</td>
                  <td>{p.receivedOther}</td>
                  <td>{p.resolvedOnTime}</td>
                  <td>{p.resolvedLate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
