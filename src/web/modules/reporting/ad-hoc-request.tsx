import { Alert, Anchor, Button, Group, MultiSelect, NumberInput, Radio, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert.tsx';
import { type RequestBody, useCreateRequest, useProvinceAgencies, useRequests } from './reporting.api.ts';
import { DayInput, dayText } from '../../ui/day-input.tsx';
import { ColumnHeaders } from '../../ui/data-table.tsx';

/**
 * The receiving unit's leader asks chosen units for an ad hoc report (đột xuất): subject,
 * content, data range, deadline (a date or N working days), the units and the indicators. The
 * units then find it among their regimes and answer it like any report.
 */
type IndicatorInput = RequestBody['sections'][number]['indicators'][number];
/** The kinds of indicator an ad hoc request asks for (a table only comes with a regime). */
type IndType = Exclude<IndicatorInput['type'], 'table'>;
interface Row {
  name: string;
  type: IndType;
  unit: string;
}
const AGG: Record<IndType, IndicatorInput['aggregation']> = { number: 'sum', percent: 'average', text: 'concat' };

export function AdHocRequest({ agency, provinceCode }: { agency: string; provinceCode: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const requests = useRequests(true);
  const sent = (requests.data?.items ?? []).filter((r) => r.receivingUnit === agency);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('reporting.request.title')}
        </Title>
        <Button variant={open ? 'default' : 'filled'} onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? t('reporting.request.close') : t('reporting.request.open')}
        </Button>
      </Group>
      {open && <RequestForm agency={agency} provinceCode={provinceCode} />}
      {sent.length > 0 && (
        <Table withTableBorder aria-label={t('reporting.request.sent')}>
          <ColumnHeaders columns={[t('reporting.request.name'), t('reporting.request.unitsCount'), t('reporting.request.due'), t('reporting.open')]} />
          <Table.Tbody>
            {sent.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{r.units.length}</Table.Td>
                <Table.Td>{dayText(r.dueDate)}</Table.Td>
                <Table.Td>
                  <Anchor href={`/bao-cao?as=${encodeURIComponent(`receiver:${agency}`)}&regime=${r.code}&period=${r.period}`}>{t('reporting.request.board')}</Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function RequestForm({ agency, provinceCode }: { agency: string; provinceCode: string }) {
  const { t } = useTranslation();
  const agencies = useProvinceAgencies(provinceCode);
  const create = useCreateRequest();
  const [name, setName] = useState('');
  const [content, setContent] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [deadlineKind, setDeadlineKind] = useState<'workingDays' | 'date'>('workingDays');
  const [workingDays, setWorkingDays] = useState<number | string>(5);
  const [date, setDate] = useState('');
  const [units, setUnits] = useState<string[]>([]);
  const [rows, setRows] = useState<Row[]>([{ name: '', type: 'number', unit: '' }]);
  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const body = (): RequestBody => ({
    receivingUnit: agency,
    name,
    content,
    from,
    to,
    units,
    deadline: deadlineKind === 'date' ? { date } : { workingDays: Number(workingDays) },
    sections: [
      {
        title: t('reporting.request.section'),
        indicators: rows.map((r, i) => ({
          code: `i${i + 1}`,
          number: String(i + 1),
          name: r.name.trim(),
          type: r.type,
          unit: r.type === 'percent' ? '%' : r.unit.trim(),
          integer: false,
          required: r.type !== 'text',
          aggregation: AGG[r.type],
          ...(r.type === 'text' ? {} : { min: 0 }),
        })),
      },
    ],
    checks: [],
  });
  const done = create.data;
  if (done)
    return (
      <Alert color="teal.9" role="status" title={t('reporting.request.done', { count: done.units.length, due: dayText(done.dueDate) })}>
        <Anchor href={`/bao-cao?as=${encodeURIComponent(`receiver:${agency}`)}&regime=${done.code}&period=${done.period}`}>{t('reporting.request.board')}</Anchor>
      </Alert>
    );
  return (
    <form
      className="reporting-section"
      aria-label={t('reporting.request.title')}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(body());
      }}
    >
      <Stack gap="sm">
        <TextInput label={t('reporting.request.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Textarea label={t('reporting.request.content')} required value={content} onChange={(e) => setContent(e.currentTarget.value)} autosize minRows={2} />
        <Group gap="md" align="flex-end">
          <DayInput label={t('reporting.request.from')} required value={from} onChange={setFrom} />
          <DayInput label={t('reporting.request.to')} required value={to} onChange={setTo} />
        </Group>
        <Radio.Group label={t('reporting.request.deadline')} value={deadlineKind} onChange={(v) => setDeadlineKind(v as 'workingDays' | 'date')}>
          <Group gap="md" mt={4}>
            <Radio value="workingDays" label={t('reporting.request.byWorkingDays')} />
            <Radio value="date" label={t('reporting.request.byDate')} />
          </Group>
        </Radio.Group>
        {deadlineKind === 'workingDays' ? (
          <NumberInput label={t('reporting.request.workingDays')} min={1} max={60} allowDecimal={false} value={workingDays} onChange={setWorkingDays} w={240} />
        ) : (
          <DayInput label={t('reporting.request.dueDate')} required value={date} onChange={setDate} w={240} />
        )}
        <MultiSelect
          label={t('reporting.request.units')}
          required
          searchable
          value={units}
          onChange={setUnits}
          nothingFoundMessage={t('reporting.request.noUnit')}
          data={(agencies.data?.items ?? []).filter((a) => a.code !== agency).map((a) => ({ value: a.code, label: a.name }))}
          maxDropdownHeight={260}
        />
        <fieldset className="reporting-section">
          <legend>{t('reporting.request.indicators')}</legend>
          <Stack gap="xs">
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              <Group key={i} gap="sm" align="flex-end" wrap="wrap">
                <TextInput label={t('reporting.request.indicatorName', { n: i + 1 })} required value={r.name} onChange={(e) => setRow(i, { name: e.currentTarget.value })} style={{ flex: '1 1 320px' }} />
                <Select
                  label={t('reporting.request.indicatorType', { n: i + 1 })}
                  value={r.type}
                  allowDeselect={false}
                  onChange={(v) => setRow(i, { type: (v ?? 'number') as IndType })}
                  data={(['number', 'percent', 'text'] as const).map((k) => ({ value: k, label: t(`reporting.request.type.${k}`) }))}
                  w={170}
                />
                {r.type === 'number' && <TextInput label={t('reporting.request.indicatorUnit', { n: i + 1 })} value={r.unit} onChange={(e) => setRow(i, { unit: e.currentTarget.value })} w={150} />}
                {rows.length > 1 && (
                  <Button variant="default" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={t('reporting.request.removeIndicator', { n: i + 1 })}>
                    {t('reporting.request.remove')}
                  </Button>
                )}
              </Group>
            ))}
            <Group>
              <Button variant="default" onClick={() => setRows([...rows, { name: '', type: 'number', unit: '' }])}>
                {t('reporting.request.addIndicator')}
              </Button>
            </Group>
          </Stack>
        </fieldset>
        <Text size="sm">{t('reporting.request.hint')}</Text>
        <ErrorAlert error={create.error} />
        <Group>
          <Button type="submit" loading={create.isPending} disabled={units.length === 0}>
            {t('reporting.request.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
