import { useCallback, useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis, useActiveTooltipLabel } from 'recharts';
import type { ExpiryChart as ExpiryChartData } from '../../../../shared/certificates';
import { dateFormat, formatNumber } from '../../lib/format';

/** Colours told apart with any colour vision (Okabe and Ito), in light and dark themes; the rest together in grey. */
const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C6D1F', '#5D6D7E'];
const restColour = '#999999';

function weekDay(day: string, style: 'short' | 'long'): string {
  const options: Intl.DateTimeFormatOptions = style === 'short' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  return dateFormat(options).format(new Date(`${day}T00:00:00Z`));
}

/** The week the chart's pointer or keyboard is on, told to the page so Enter can choose it. */
function ActiveWeek({ onChange }: { onChange: (week: string | undefined) => void }) {
  const label = useActiveTooltipLabel();
  useEffect(() => {
    onChange(typeof label === 'string' ? label : undefined);
  }, [label, onChange]);
  return null;
}

interface ExpiryChartProps {
  chart: ExpiryChartData;
  /** The week chosen, its Monday. */
  week: string | undefined;
  onWeek: (week: string) => void;
}

/**
 * How many certificates end each week of the next 52, stacked by organization
 * or department. A bar, or Enter on the week the arrow keys are on, shows that
 * week's certificates; the same numbers are a table for those who would rather
 * read them.
 */
export function ExpiryChart({ chart, week, onWeek }: ExpiryChartProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const active = useRef<string | undefined>(undefined);
  const data = useMemo(
    () => chart.weeks.map((entry) => ({ start: entry.start, total: entry.total, ...Object.fromEntries(entry.counts.map((count, index) => [`unit${index}`, count])) })),
    [chart.weeks],
  );
  const units = chart.units.map((unit, index) => ({ key: `unit${index}`, name: unit.id === null ? t('certificates.chart.rest') : unit.name, colour: unit.id === null ? restColour : palette[index % palette.length]! }));
  const total = chart.weeks.reduce((sum, entry) => sum + entry.total, 0);
  const onActive = useCallback((label: string | undefined): void => {
    active.current = label;
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.key === 'Enter' || event.key === ' ') && active.current !== undefined) {
      event.preventDefault();
      onWeek(active.current);
    }
  };

  return (
    <section className="expiry-chart" aria-labelledby={titleId}>
      <div className="expiry-chart-heading">
        <h2 id={titleId}>{t('certificates.chart.title')}</h2>
        <p className="field-hint">{total === 0 ? t('certificates.chart.empty') : t('certificates.chart.hint')}</p>
      </div>
      {total === 0 ? null : (
        <>
          {/* The chart's own keyboard layer moves between weeks; Enter here chooses the one it is on. */}
          <div className="expiry-chart-plot" onKeyDown={onKeyDown}>
            <BarChart
              accessibilityLayer
              responsive
              style={{ width: '100%', height: '100%' }}
              data={data}
              title={t('certificates.chart.label')}
              desc={t('certificates.chart.keys')}
              margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            >
              <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
              <XAxis dataKey="start" tickFormatter={(day: string) => weekDay(day, 'short')} tick={{ fill: 'currentColor', fontSize: 12 }} stroke="currentColor" minTickGap={16} />
              <YAxis allowDecimals={false} width={44} tick={{ fill: 'currentColor', fontSize: 12 }} stroke="currentColor" tickFormatter={(value: number) => formatNumber(value)} />
              <Tooltip
                labelFormatter={(day) => t('certificates.chart.weekOf', { date: typeof day === 'string' ? weekDay(day, 'long') : '' })}
                formatter={(value) => (typeof value === 'number' ? formatNumber(value) : value)}
                contentStyle={{ background: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' }}
                itemStyle={{ color: 'var(--text)' }}
                wrapperStyle={{ zIndex: 10 }}
                cursor={{ fill: 'currentColor', fillOpacity: 0.08 }}
              />
              <Legend formatter={(name) => <span className="expiry-chart-legend">{name}</span>} />
              {units.map((unit) => (
                <Bar
                  key={unit.key}
                  dataKey={unit.key}
                  name={unit.name}
                  stackId="weeks"
                  fill={unit.colour}
                  isAnimationActive={false}
                  onClick={(_item, index) => {
                    const start = data[index]?.start;
                    if (start !== undefined) onWeek(start);
                  }}
                >
                  {data.map((entry) => (
                    <Cell key={entry.start} fillOpacity={week === undefined || week === entry.start ? 1 : 0.35} />
                  ))}
                </Bar>
              ))}
              <ActiveWeek onChange={onActive} />
            </BarChart>
          </div>
        </>
      )}
      <details className="expiry-chart-table">
        <summary>{t('certificates.chart.asTable')}</summary>
        <table>
          <caption className="visually-hidden">{t('certificates.chart.label')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('certificates.chart.week')}</th>
              <th scope="col" className="number">
                {t('certificates.chart.count')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('certificates.chart.show')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {chart.weeks.map((entry) => (
              <tr key={entry.start}>
                <th scope="row">{weekDay(entry.start, 'long')}</th>
                <td className="number">{formatNumber(entry.total)}</td>
                <td>
                  <button type="button" className="link-button" aria-pressed={week === entry.start} onClick={() => onWeek(entry.start)}>
                    {t('certificates.chart.showWeek', { date: weekDay(entry.start, 'long') })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
