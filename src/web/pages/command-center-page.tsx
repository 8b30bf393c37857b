import '@mantine/core/styles/ScrollArea.css';
import '@mantine/core/styles/Modal.css';
import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQueryUpdate } from '../ui/address-query.ts';
import '../modules/command-center/command-center.css';
import {
  type CommandCenter,
  type Indicator,
  unitKindOf,
  useCommandCenter,
  useHome,
  useIndex766,
  type TaskShow,
  useLiveFigures,
  usePostControl,
  useUnitValues,
  type UnitValues,
} from '../modules/command-center/command-center.api.ts';
import { DrillDown } from '../modules/command-center/drill-down.tsx';
import { ScoringTable } from '../modules/command-center/scoring-table.tsx';
import { StatisticsTable } from '../modules/command-center/statistics-table.tsx';
import { TaskList } from '../modules/command-center/task-list.tsx';
import { MAP_SCALES, type MapIndicatorName, type MapScale } from '../modules/command-center/map-scale.ts';
import { TileMap } from '../modules/command-center/tile-map.tsx';
import { TrendChart } from '../modules/command-center/trend-chart.tsx';
import { useMe } from '../modules/identity/identity.api.ts';
import { withQuery } from '../ui/http.ts';
import { Loaded, Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { localDate } from '../../platform/clock.ts';
import { GateNotice } from '../ui/gate-notice.tsx';
import { CcCard, ScrollTable } from '../modules/command-center/cc-card.tsx';
import { formatNumber } from '../ui/numbers.ts';
import { figuresScopeOf } from '#modules/inspection/figures-scope.ts';

const VIEWER_ROLES = ['national_oversight', 'provincial_leader', 'leader'];

/** /chi-dao-dieu-hanh — the command center (trung tâm chỉ đạo điều hành) for leaders and national oversight. */
export default function CommandCenterPage() {
  const { t } = useTranslation();
  usePageTitle(t('commandCenter.title'));
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data?.roles.some((r) => VIEWER_ROLES.includes(r))) {
    return <GateNotice title={t('commandCenter.title')} signedIn={!!me.data} notForYou={t('commandCenter.notForYou')} />;
  }
  return <CenterView />;
}

function periodOptions(today: string, lng: string) {
  const [y, m] = today.split('-').map(Number);
  const months = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    const code = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    return { value: code, label: `${lng === 'en' ? 'Month' : 'Tháng'} ${code.slice(5)}/${code.slice(0, 4)}` };
  });
  const q = Math.ceil(m / 3);
  return [
    ...months,
    { value: `${y}-Q${q}`, label: `${lng === 'en' ? 'Quarter' : 'Quý'} ${q}/${y}` },
    { value: `${y}-H${m <= 6 ? 1 : 2}`, label: `${lng === 'en' ? 'Half' : '6 tháng'} ${m <= 6 ? 'I' : 'II'}/${y}` },
    { value: String(y), label: `${lng === 'en' ? 'Year' : 'Năm'} ${y}` },
  ];
}

function CenterView() {
  const { t, i18n } = useTranslation();
  const home = useHome();
  const [params] = useSearchParams();
  const today = localDate(new Date());
  const unit = params.get('unit') ?? home.data?.unit;
  const period = params.get('period') ?? today.slice(0, 7);
  const [mapIndicator, setMapIndicator] = useState('onTimeRate');
  const [drill, setDrill] = useState<{ title: string; url: string } | null>(null);
  const [tasks, setTasks] = useState<TaskShow | null>(null);
  const [liveNote, setLiveNote] = useState('');
  const center = useCommandCenter(unit, period);
  const index = useIndex766(unit, period);
  // the unit's kind from its code: the map is asked for together with the command center, not
  // after its answer (one round trip less). The statistics and Circular 01 tables, heavier for the
  // nation, still start once the tiles' answer is in, so they never delay it
  const kind = center.data?.unitKind ?? (unit ? unitKindOf(unit) : undefined);
  const values = useUnitValues(unit, mapIndicator, period, kind === 'national' || kind === 'province');
  // Vietnam time, like the figures' own time above (not the browser's zone).
  const onLive = useCallback(() => setLiveNote(t('commandCenter.updated', { at: new Date().toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) })), [t]);
  useLiveFigures(unit, center.data?.liveTopic, onLive);
  const num = (v: number | null) => formatNumber(v, i18n.language);
  const pct = (v: number | null) => formatNumber(v, i18n.language, 'percent');
  // on the address as it is now, not as last rendered (ui/address-query.ts)
  const setQuery = useQueryUpdate();
  const set = (key: string, value: string) => setQuery({ [key]: value });
  // the post-control figures are per province (the nation without one): the province of the unit shown
  const topicUnit = kind === 'national' ? 'VN' : kind === 'province' ? unit : center.data?.liveTopic.split(':')[1];
  const pcProvince = topicUnit === undefined ? undefined : topicUnit === 'VN' ? null : topicUnit;
  // who reads them is the server's rule over the grants /me gave (a commune leader does not): no card, no request, otherwise
  const me = useMe();
  const pcAllowed = pcProvince !== undefined && figuresScopeOf(me.data?.grants ?? [], pcProvince ?? undefined) !== undefined;
  const postControl = usePostControl(pcProvince, center.data?.from, center.data?.to, pcAllowed);
  const periods = useMemo(() => periodOptions(today, i18n.language), [today, i18n.language]);
  if (home.isPending) return <Loading />;
  if (home.isError) return <LoadError message={home.error.message} onRetry={() => home.refetch()} />;
  // "today" as the server counts it (the dev clock may differ from this browser's)
  const serverToday = center.data?.at.slice(0, 10) ?? today;
  const statsUrl = (figure: string, from: string, to: string) => withQuery('/api/v1/statistics/tthc/dossiers', { unit, figure, from, to, limit: 100 });
  const c = center.data;
  // the nation's name comes from the server in Vietnamese ("Toàn quốc"); place names stay as they are
  const nameOf = (code: string, name: string) => (code === 'VN' ? t('commandCenter.nation') : name);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="end" wrap="wrap">
        <div>
          <Title order={1}>{t('commandCenter.title')}</Title>
          <Text>
            {nameOf(c?.unit ?? home.data.unit, c?.unitName ?? home.data.unitName)}
            {c && ` · ${t('commandCenter.at', { at: `${c.at.slice(11, 16)} ${c.at.slice(8, 10)}/${c.at.slice(5, 7)}/${c.at.slice(0, 4)}` })}`}
          </Text>
          <Text size="sm" role="status" aria-live="polite" data-testid="live-note">
            {liveNote}
          </Text>
        </div>
        <Group align="end" gap="sm">
          {unit !== home.data.unit && (
            <Button variant="default" onClick={() => set('unit', home.data.unit)}>
              {t('commandCenter.backTo', { name: nameOf(home.data.unit, home.data.unitName) })}
            </Button>
          )}
          <NativeSelect label={t('commandCenter.period')} value={period} onChange={(e) => set('period', e.currentTarget.value)} data={periods} />
        </Group>
      </Group>

      {center.isPending ? (
        <Loading />
      ) : center.isError ? (
        <LoadError message={center.error.message} onRetry={() => center.refetch()} />
      ) : (
        c && (
          <>
            <section aria-labelledby="cc-tiles">
              <Title order={2} size="h3" id="cc-tiles" mb="sm">
                {t('commandCenter.tiles.title')}
              </Title>
              <div className="cc-tiles" data-testid="tiles">
                <Tile testId="tile-received-today" label={t('commandCenter.tiles.receivedToday')} value={num(c.tiles.receivedToday)} onClick={() => setDrill({ title: t('commandCenter.tiles.receivedToday'), url: statsUrl('received', serverToday, serverToday) })} />
                <Tile testId="tile-in-progress" label={t('commandCenter.tiles.inProgress')} value={num(c.tiles.inProgress)} onClick={() => setDrill({ title: t('commandCenter.tiles.inProgress'), url: statsUrl('pending', serverToday, serverToday) })} />
                <Tile testId="tile-overdue" label={t('commandCenter.tiles.overdue')} value={num(c.tiles.overdue)} onClick={() => setDrill({ title: t('commandCenter.tiles.overdue'), url: statsUrl('pendingOverdue', serverToday, serverToday) })} />
                <Tile testId="tile-on-time" label={t('commandCenter.tiles.onTime')} value={pct(c.tiles.onTimeRate)} note={t('commandCenter.tiles.onTimeNote')} />
                <Tile testId="tile-online" label={t('commandCenter.tiles.online')} value={pct(c.tiles.onlineShare)} />
                <Tile testId="tile-satisfaction" label={t('commandCenter.tiles.satisfaction')} value={pct(c.tiles.satisfaction)} note={c.tiles.satisfaction === null ? t('commandCenter.noRatings') : undefined} />
                <Tile
                  testId="tile-766"
                  label={t('commandCenter.tiles.index766')}
                  value={c.tiles.index766 === null ? '—' : `${num(c.tiles.index766)}`}
                  note={t('commandCenter.tiles.index766Note', { measured: c.tiles.index766MeasuredMax, max: c.period766.max })}
                />
              </div>
            </section>

            <div className="cc-pair">
              <CcCard id="cc-tasks" title={t('commandCenter.tasks.title')} testId="tasks-tile">
                <div className="cc-tiles">
                  <Tile testId="tasks-open" label={t('commandCenter.tasks.open')} value={num(c.tasks.open)} onClick={() => setTasks('open')} />
                  <Tile testId="tasks-due-soon" label={t('commandCenter.tasks.due_soon')} value={num(c.tasks.dueSoon)} note={t('commandCenter.tasks.dueSoonNote', { until: `${c.tasks.dueSoonUntil.slice(8, 10)}/${c.tasks.dueSoonUntil.slice(5, 7)}` })} onClick={() => setTasks('due_soon')} />
                  <Tile testId="tasks-overdue" label={t('commandCenter.tasks.overdue')} value={num(c.tasks.overdue)} onClick={() => setTasks('overdue')} />
                </div>
              </CcCard>
              {pcAllowed && (
                <CcCard id="cc-post-control" title={t('commandCenter.postControl.title')} testId="post-control-tile">
                  {postControl.isPending ? (
                    <Loading />
                  ) : postControl.isError ? (
                    <Text size="sm">{t('commandCenter.postControl.unavailable')}</Text>
                  ) : (
                    <>
                      <div className="cc-tiles">
                        <Tile testId="pc-share" label={t('commandCenter.postControl.share')} value={pct(postControl.data.proceduresInForce ? postControl.data.postControlShare : null)} note={t('commandCenter.postControl.shareNote', { post: num(postControl.data.proceduresUnderPostControl), total: num(postControl.data.proceduresInForce) })} />
                        <Tile testId="pc-declarations" label={t('commandCenter.postControl.declarations')} value={num(postControl.data.declarations)} />
                        <Tile testId="pc-inspected" label={t('commandCenter.postControl.inspected')} value={pct(postControl.data.declarations ? postControl.data.inspectedShare : null)} note={t('commandCenter.postControl.inspectedNote', { n: num(postControl.data.inspected) })} />
                        <Tile testId="pc-violations" label={t('commandCenter.postControl.violations')} value={pct(postControl.data.concluded ? postControl.data.violationRate : null)} note={t('commandCenter.postControl.violationsNote', { n: num(postControl.data.violations) })} />
                        <Tile testId="pc-days" label={t('commandCenter.postControl.days')} value={postControl.data.averageDaysToInspection === null ? '—' : num(postControl.data.averageDaysToInspection)} />
                      </div>
                      <Anchor component={Link} to="/hau-kiem" size="sm">
                        {t('commandCenter.postControl.link')}
                      </Anchor>
                    </>
                  )}
                </CcCard>
              )}
            </div>

            <CcCard id="cc-trend" title={t('commandCenter.trend.title')} mb="sm">
              <TrendChart trend={c.trend} />
            </CcCard>

            {(kind === 'national' || kind === 'province') && (
              <CcCard
                id="cc-map"
                title={kind === 'national' ? t('commandCenter.map.titleNational') : t('commandCenter.map.titleProvince')}
                controls={
                  <NativeSelect
                    label={t('commandCenter.map.indicator')}
                    value={mapIndicator}
                    onChange={(e) => setMapIndicator(e.currentTarget.value)}
                    data={['onTimeRate', 'onlineShare', 'overdue', 'received', 'index766'].map((v) => ({ value: v, label: t(`commandCenter.map.${v}`) }))}
                  />
                }
              >
                <Loaded query={values}>
                  {(unitValues) => (
                    <MapAndRanking
                      kind={kind}
                      items={unitValues.items}
                      format={['onTimeRate', 'onlineShare'].includes(mapIndicator) ? pct : num}
                      scale={MAP_SCALES[mapIndicator as MapIndicatorName] ?? MAP_SCALES.received}
                      onSelect={(code) => set('unit', code)}
                    />
                  )}
                </Loaded>
              </CcCard>
            )}

            {/* keyed by the unit (its state starts afresh on another unit), each key distinct among these siblings: a key two of them share makes React keep the old copy of one and add another at each update (three tables for a commune leader) */}
            {unit && kind && <StatisticsTable key={`stats-${unit}`} unit={unit} unitKind={kind} period={period} onDrill={(title, url) => setDrill({ title, url })} />}

            <OverdueByAgency c={c} onSelect={(code) => set('unit', code)} />

            {unit && <ScoringTable key={`scoring-${unit}`} unit={unit} period={period} />}

            <CcCard id="cc-766" title={t('commandCenter.index.title')}>
              <Loaded query={index}>
                {(index766) => (
                  <>
                    <Text size="sm" mb="sm">
                      {t('commandCenter.index.summary', { total: num(index766.total), measured: index766.measuredMax, max: index766.max })}{' '}
                      {index766.ruleBook.source}
                    </Text>
                    {/* 560 px: the names wrap, so a portrait tablet (768 px) shows the whole table; a phone scrolls it */}
                    <Table.ScrollContainer minWidth={560} data-testid="index766-table">
                      <Table>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('commandCenter.index.indicator')}</Table.Th>
                            <Table.Th ta="right" className="cc-nowrap">{t('commandCenter.index.numerator')}</Table.Th>
                            <Table.Th ta="right" className="cc-nowrap">{t('commandCenter.index.denominator')}</Table.Th>
                            <Table.Th ta="right" className="cc-nowrap">{t('commandCenter.index.ratio')}</Table.Th>
                            <Table.Th ta="right" className="cc-nowrap">{t('commandCenter.index.target')}</Table.Th>
                            <Table.Th ta="right" className="cc-nowrap">{t('commandCenter.index.points')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {index766.groups.map((g) => (
                            <GroupRows
                              key={g.id}
                              g={g}
                              num={num}
                              pct={pct}
                              onDrill={(i, side) =>
                                setDrill({
                                  title: `${i.id} ${i.name} — ${t(`commandCenter.index.${side}`)}`,
                                  url: withQuery(`/api/v1/indicators/766/${i.id}/dossiers`, { unit, period, side, limit: 100 }),
                                })
                              }
                            />
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                  </>
                )}
              </Loaded>
            </CcCard>

            <CcCard id="cc-savings" title={t('commandCenter.savings.title')}>
              <div className="cc-tiles">
                <Tile label={t('commandCenter.savings.trips')} value={num(c.savings.tripsAvoided)} />
                <Tile label={t('commandCenter.savings.hours')} value={num(c.savings.hoursAvoided)} />
                <Tile label={t('commandCenter.savings.sheets')} value={num(c.savings.sheetsSaved)} />
              </div>
              <details>
                <summary>{t('commandCenter.savings.method')}</summary>
                <Text size="sm" my="xs">
                  {c.savings.method}
                </Text>
                <Table>
                  <Table.Tbody>
                    {Object.entries(c.savings.parameters).map(([k, p]) => (
                      <Table.Tr key={k}>
                        <Table.Th scope="row">{t(`commandCenter.savings.param.${k}`)}</Table.Th>
                        <Table.Td>
                          {num(p.value)} {p.unit}
                        </Table.Td>
                        <Table.Td>{p.source}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </details>
            </CcCard>
          </>
        )
      )}
      <DrillDown title={drill?.title ?? ''} url={drill?.url ?? null} onClose={() => setDrill(null)} />
      <TaskList unit={unit} show={tasks} onClose={() => setTasks(null)} />
    </Stack>
  );
}

function Tile({ label, value, note, onClick, testId }: { label: string; value: ReactNode; note?: string; onClick?: () => void; testId?: string }) {
  const body = (
    <>
      <span className="cc-tile-label">{label}</span>
      <span className="cc-tile-figure" data-testid={testId}>
        {value}
      </span>
      {note && <span className="cc-tile-note">{note}</span>}
    </>
  );
  // a tile that opens a list looks like it (tinted, a bar at its edge, a chevron); a plain figure does not
  return onClick ? (
    <button type="button" className="cc-tile-card cc-tile-card-open" onClick={onClick}>
      {body}
      <span className="cc-tile-chevron" aria-hidden="true">
        ›
      </span>
    </button>
  ) : (
    <div className="cc-tile-card">{body}</div>
  );
}

function MapAndRanking({ kind, items, format, scale, onSelect }: {
  kind: string;
  items: UnitValues['items'];
  format: (v: number | null) => string;
  scale: MapScale;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  const ranked = [...items].filter((i) => i.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const shown = kind === 'national' ? ranked : ranked.slice(0, 15);
  return (
    <div className={kind === 'national' ? 'cc-map-row' : undefined}>
      {kind === 'national' && <TileMap items={items} format={format} scale={scale} onSelect={onSelect} label={t('commandCenter.map.label')} />}
      <ScrollTable label={t('commandCenter.map.ranking', { shown: shown.length, total: items.length })} minWidth={320} mah={560} caption={t('commandCenter.map.ranking', { shown: shown.length, total: items.length })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('commandCenter.map.rank')}</Table.Th>
            <Table.Th>{t('commandCenter.map.unit')}</Table.Th>
            <Table.Th ta="right">{t('commandCenter.map.value')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((i) => (
            <Table.Tr key={i.code}>
              <Table.Td>{i.rank}</Table.Td>
              <Table.Td>
                <button type="button" className="cc-link" onClick={() => onSelect(i.code)}>
                  {i.name}
                </button>
              </Table.Td>
              <Table.Td ta="right">{format(i.value)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </div>
  );
}

function OverdueByAgency({ c, onSelect }: { c: CommandCenter; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <CcCard id="cc-overdue" title={t('commandCenter.overdue.title')} mb="sm">
      {c.overdueByAgency.length === 0 ? (
        <Text>{t('commandCenter.overdue.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('commandCenter.overdue.agency')}</Table.Th>
                <Table.Th ta="right">{t('commandCenter.overdue.count')}</Table.Th>
                <Table.Th>{t('commandCenter.overdue.oldest')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.overdueByAgency.map((a) => (
                <Table.Tr key={a.agencyCode}>
                  <Table.Td>
                    <button type="button" className="cc-link" onClick={() => onSelect(a.agencyCode)}>
                      {a.agencyName}
                    </button>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Badge color="red.9" variant="filled">
                      {a.count}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{`${a.oldestDueAt.slice(8, 10)}/${a.oldestDueAt.slice(5, 7)}/${a.oldestDueAt.slice(0, 4)}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </CcCard>
  );
}

/** The two figures of an indicator that open the dossiers behind them. */
const DRILL_SIDES = ['numerator', 'denominator'] as const;

function GroupRows({ g, num, pct, onDrill }: {
  g: { id: string; name: string; max: number; score: number | null; measuredMax: number; indicators: Indicator[] };
  num: (v: number | null) => string;
  pct: (v: number | null) => string;
  onDrill: (i: Indicator, side: 'numerator' | 'denominator') => void;
}) {
  const { t } = useTranslation();
  const drillable = (i: Indicator) => !i.missing || (i.numerator !== null && i.id !== '5.2');
  return (
    <>
      <Table.Tr className="cc-group">
        <Table.Th scope="rowgroup" colSpan={5}>
          {g.id}. {g.name}
        </Table.Th>
        <Table.Td ta="right" fw={700} className="cc-nowrap">
          {g.score === null ? '—' : num(g.score)} / {g.max}
        </Table.Td>
      </Table.Tr>
      {g.indicators.map((i) => (
        <Table.Tr key={i.id}>
          <Table.Td>
            {i.id} {i.name}
            {i.missing && (
              <Text size="xs" c="gray.8">
                {t('commandCenter.index.missing')}: {i.missingReason}
              </Text>
            )}
          </Table.Td>
          {DRILL_SIDES.map((side) => (
            <Table.Td key={side} ta="right">
              {i[side] !== null && drillable(i) && i.id !== '5.2' ? (
                <button type="button" className="cc-link" onClick={() => onDrill(i, side)}>
                  {num(i[side])}
                </button>
              ) : (
                num(i[side])
              )}
            </Table.Td>
          ))}
          <Table.Td ta="right">{i.ratio === null ? '—' : i.unit === 'days' ? `${num(i.ratio)} ${t('commandCenter.index.days')}` : pct(i.ratio)}</Table.Td>
          <Table.Td ta="right">{i.target === null ? '—' : pct(i.target)}</Table.Td>
          <Table.Td ta="right" className="cc-nowrap">{i.points === null ? '—' : `${num(i.points)} / ${i.max}`}</Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}
