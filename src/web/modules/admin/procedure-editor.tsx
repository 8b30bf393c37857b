import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/Combobox.css';
import '@mantine/core/styles/Fieldset.css';
import '@mantine/core/styles/InlineInput.css';
import '@mantine/core/styles/Popover.css';
import { Alert, Autocomplete, Box, Button, Checkbox, Fieldset, Group, List, NativeSelect, NumberInput, type NumberInputProps, Stack, Table, Text, Textarea, type TextareaProps, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, type Ref, type RefObject, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProcedureSearch } from '../catalog/catalog.api.ts';
import { shortDate } from '../dossiers/dossier-format.ts';
import { type ProcedureSource, useLoadProcedureSource, usePublishProcedure } from './admin.api.ts';
import { serverProblems } from './procedure-problems.ts';
import { ProcedurePublisher } from './procedure-publisher.tsx';
import type { ProcedureRecord } from '#modules/catalog/catalog.contract.ts';
import { DayInput } from '../../ui/day-input.tsx';

/** The catalogue file record (the catalog module's contract); the form edits a copy of it and keeps every field it does not show. */
type ComponentRow = NonNullable<ProcedureRecord['components']>[number];
type StepRow = ProcedureRecord['interagency_steps'][number];
/** The two counts of a component (originals, copies), each a number input in the component's row. */
const COPY_COUNTS = [
  { field: 'original', label: 'admin.procedures.editor.componentOriginalOf' },
  { field: 'copy', label: 'admin.procedures.editor.componentCopyOf' },
] as const;

const LEVELS = ['xa', 'tinh', 'bo'] as const satisfies readonly ProcedureRecord['level'][];
const UNITS = ['working_days', 'calendar_days', 'working_hours', 'same_day'] as const satisfies readonly ProcedureRecord['processing_time_unit'][];
const AGENCY_KINDS = ['people_committee', 'public_service_center', 'police', 'justice', 'social_insurance', 'finance', 'food_safety'] as const satisfies readonly NonNullable<StepRow['agency_kind']>[];
const PER_PAGE_FIELDS = ['first_pages', 'rate_first_pages_vnd', 'rate_subsequent_pages_vnd', 'cap_per_copy_vnd'] as const;

const numberOrNull = (v: string | number) => (typeof v === 'number' ? v : null);
const nfc = (v: string) => v.normalize('NFC').trim();

/** An editable list as a table (components, steps): caption, column headers, a row per item; scrolls sideways on a narrow screen. */
function RowsTable({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table withTableBorder captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {headers.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Box>
  );
}

/** A long text of the record, growing with what is typed (a name, an agency, a task, the fee note). */
function LongText(props: TextareaProps & { ref?: Ref<HTMLTextAreaElement> }) {
  return <Textarea autosize minRows={1} maxLength={4000} {...props} />;
}

/** A small whole number in a row of an editable table (copies of a component, days of a step). */
function RowCount(props: NumberInputProps) {
  return <NumberInput min={0} allowDecimal={false} w={90} {...props} />;
}

/** The add button under an editable table (disabled when the list is full); the new row takes the focus. */
function AddRow({ ref, label, full, onAdd }: { ref: Ref<HTMLButtonElement>; label: string; full: boolean; onAdd: () => void }) {
  return (
    <Button ref={ref} variant="light" w="fit-content" disabled={full} onClick={onAdd}>
      {label}
    </Button>
  );
}

/** A row's remove button; the focus then goes to the list's add button (the row is gone). */
function RemoveRow({ label, focusAfter, onRemove }: { label: string; focusAfter: RefObject<HTMLButtonElement | null>; onRemove: () => void }) {
  return (
    <Button
      variant="subtle"
      color="red"
      size="xs"
      onClick={() => {
        onRemove();
        focusAfter.current?.focus();
      }}
    >
      {label}
    </Button>
  );
}

/**
 * Sửa và công bố phiên bản thủ tục: open the version in force, edit a copy of its catalogue
 * record, choose the date the new version applies from, publish through the same route as the
 * JSON import. Dossiers already received keep the version they were received under.
 */
export function ProcedureEditor() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 250);
  const search = useProcedureSearch(debounced.trim(), 1);
  const load = useLoadProcedureSource();
  const publish = usePublishProcedure();
  const [source, setSource] = useState<ProcedureSource | null>(null);
  const [openedCode, setOpenedCode] = useState('');
  const [record, setRecord] = useState<ProcedureRecord | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [dependsText, setDependsText] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [key, setKey] = useState(() => crypto.randomUUID());
  // Keyboard: a new row takes the focus; removing a row gives it to the row list's add button.
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const addComponentButton = useRef<HTMLButtonElement>(null);
  const addStepButton = useRef<HTMLButtonElement>(null);
  const focusOnce = (el: HTMLElement | null) => {
    if (el) {
      el.focus();
      setFocusRow(null);
    }
  };

  const open = (code: string, at?: string) => {
    if (!code) {
      setErrors({ code: t('admin.procedures.editor.codeRequired') });
      return;
    }
    setErrors({});
    load.mutate(
      { code, at },
      {
        onSuccess: (data) => {
          setSource(data);
          setOpenedCode(code);
          setRecord(structuredClone(data.procedure));
          setEffectiveFrom('');
          setDependsText({});
          publish.reset();
          setKey(crypto.randomUUID());
        },
      },
    );
  };
  /** Every edit is a new request body, so it gets a new Idempotency-Key. */
  const update = (change: (r: ProcedureRecord) => ProcedureRecord) => {
    setRecord((r) => (r ? change(r) : r));
    setKey(crypto.randomUUID());
  };
  /** A text field of the record bound to its input: the value (or `empty`), the field's error, the change as the input says it. */
  const textField = (field: 'name_vi' | 'name_en' | 'level' | 'processing_time_unit' | 'fee_note', empty = '') => ({
    value: record?.[field] ?? empty,
    error: errorAt(field),
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      update((r) => ({ ...r, [field]: value }));
    },
  });
  const components = record?.components ?? [];
  const steps = record?.interagency_steps ?? [];
  const setComponent = (i: number, patch: Partial<ComponentRow>) =>
    update((r) => ({ ...r, components: components.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  const setStep = (i: number, patch: Partial<StepRow>) => update((r) => ({ ...r, interagency_steps: steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));

  const server = serverProblems(publish.error);
  const errorAt = (path: string) => errors[path] ?? server.fields[path];
  /** A text of step i bound to its input, like `textField`. */
  const stepText = (i: number, field: 'agency' | 'action') => ({
    value: steps[i]?.[field] ?? '',
    error: errorAt(`interagency_steps.${i}.${field}`),
    onChange: (e: { currentTarget: { value: string } }) => setStep(i, { [field]: e.currentTarget.value }),
  });
  /** The options of a select: each value with its text under `admin.procedures.editor.<texts>`. */
  const choices = (values: readonly string[], texts: 'levels' | 'units' | 'agencyKinds') => values.map((v) => ({ value: v, label: t(`admin.procedures.editor.${texts}.${v}`) }));

  const validate = (r: ProcedureRecord, latest: ProcedureSource['latest']): Record<string, string> => {
    const found: Record<string, string> = {};
    if (!r.name_vi?.trim()) found.name_vi = t('admin.procedures.editor.required');
    if (!effectiveFrom) found.effective_from = t('admin.procedures.editor.dateRequired');
    else if (effectiveFrom <= latest.effectiveFrom)
      found.effective_from = t('admin.procedures.editor.dateTooEarly', { version: latest.version, date: shortDate(latest.effectiveFrom) });
    components.forEach((c, i) => {
      if (!c.name.trim()) found[`components.${i}.name`] = t('admin.procedures.editor.required');
    });
    steps.forEach((s, i) => {
      if (!s.agency.trim()) found[`interagency_steps.${i}.agency`] = t('admin.procedures.editor.required');
      if (!s.action.trim()) found[`interagency_steps.${i}.action`] = t('admin.procedures.editor.required');
      if (dependsText[i] !== undefined && !/^\s*(\d+\s*(,\s*\d+\s*)*)?$/.test(dependsText[i]))
        found[`interagency_steps.${i}.depends_on`] = t('admin.procedures.editor.dependsBad');
    });
    return found;
  };

  const submit = () => {
    if (!record || !source) return;
    const found = validate(record, source.latest);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const procedure: ProcedureRecord = {
      ...record,
      name_vi: nfc(record.name_vi ?? ''),
      ...(typeof record.name_en === 'string' ? { name_en: nfc(record.name_en) || null } : {}),
      ...(typeof record.fee_note === 'string' ? { fee_note: nfc(record.fee_note) || null } : {}),
      ...(record.components ? { components: components.map((c) => ({ ...c, name: nfc(c.name) })) } : {}),
      ...(record.interagency_steps ? { interagency_steps: steps.map((s) => ({ ...s, agency: nfc(s.agency), action: nfc(s.action) })) } : {}),
      effective_from: effectiveFrom,
    };
    publish.mutate(
      { procedure, key },
      {
        onSuccess: (result) => {
          setKey(crypto.randomUUID());
          if (result.created && result.version && result.effectiveFrom)
            setSource({ ...source, latest: { version: result.version, effectiveFrom: result.effectiveFrom } });
        },
      },
    );
  };

  const options = (search.data?.items ?? []).map((p) => `${p.code} — ${p.name}`);
  const hintedDays = record && record.processing_days == null && typeof record.unverified_hint?.processing_days === 'number';
  const perPage = record?.fee_rule && typeof record.fee_rule === 'object' ? record.fee_rule : null;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('admin.procedures.title')}
      </Title>
      <Text size="sm">{t('admin.procedures.editor.intro')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          open(query.trim().split(/\s/)[0] ?? '');
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Autocomplete
            label={t('admin.procedures.editor.pick')}
            description={t('admin.procedures.editor.pickHint')}
            value={query}
            onChange={setQuery}
            data={options}
            filter={({ options: all }) => all}
            error={errors.code}
            w={{ base: '100%', sm: 520 }}
          />
          <Button type="submit" loading={load.isPending}>
            {t('admin.procedures.editor.open')}
          </Button>
        </Group>
      </form>
      {load.error && (
        <Alert color="red" role="alert">
          {load.error.message}
        </Alert>
      )}

      {record && source && (
        <form
          noValidate
          aria-labelledby="procedure-editor-heading"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="md">
            <Title order={3} size="h4" id="procedure-editor-heading">
              {t('admin.procedures.editor.editing', { code: openedCode })}
            </Title>
            <Alert color="blue">
              {t('admin.procedures.editor.inForce', { version: source.version, date: shortDate(source.effectiveFrom) })}{' '}
              {t('admin.procedures.editor.kept')}
            </Alert>
            {source.latest.version !== source.version && (
              <Alert color="yellow">
                <Stack gap="xs">
                  <Text size="sm">
                    {t('admin.procedures.editor.later', { version: source.latest.version, date: shortDate(source.latest.effectiveFrom) })}
                  </Text>
                  <Button
                    variant="light"
                    w="fit-content"
                    onClick={() => open(openedCode, source.latest.effectiveFrom)}
                  >
                    {t('admin.procedures.editor.openLatest', { version: source.latest.version })}
                  </Button>
                </Stack>
              </Alert>
            )}

            <Fieldset legend={t('admin.procedures.editor.general')}>
              <Stack gap="sm">
                <TextInput label={t('admin.procedures.editor.nameVi')} required maxLength={4000} {...textField('name_vi')} />
                <TextInput label={t('admin.procedures.editor.nameEn')} maxLength={4000} {...textField('name_en')} />
                <NativeSelect label={t('admin.procedures.editor.level')} {...textField('level', 'xa')} data={choices(LEVELS, 'levels')} w={240} />
              </Stack>
            </Fieldset>

            <Fieldset legend={t('admin.procedures.editor.deadline')}>
              <Group align="flex-start" gap="sm" wrap="wrap">
                <NumberInput
                  label={t('admin.procedures.editor.deadlineValue')}
                  description={hintedDays ? t('admin.procedures.editor.deadlineHinted') : undefined}
                  min={0}
                  max={3650}
                  allowDecimal={false}
                  value={record.processing_days ?? (hintedDays ? (record.unverified_hint?.processing_days as number) : '')}
                  error={errorAt('processing_days')}
                  onChange={(v) => update((r) => ({ ...r, processing_days: numberOrNull(v) }))}
                  w={220}
                />
                <NativeSelect label={t('admin.procedures.editor.deadlineUnit')} {...textField('processing_time_unit', 'working_days')} data={choices(UNITS, 'units')} w={220} />
              </Group>
            </Fieldset>

            <Fieldset legend={t('admin.procedures.editor.components')}>
              <Stack gap="sm">
                <RowsTable caption={t('admin.procedures.editor.componentsCaption')} headers={[t('admin.procedures.editor.componentCode'), t('admin.procedures.editor.componentName'), t('admin.procedures.editor.componentRequired'), t('admin.procedures.editor.componentOriginal'), t('admin.procedures.editor.componentCopy'), t('admin.procedures.editor.actions')]}>
                  {components.map((c, i) => (
                    <Table.Tr key={c.code}>
                      <Table.Td>{c.code}</Table.Td>
                      <Table.Td miw={280}>
                        <LongText
                          aria-label={t('admin.procedures.editor.componentNameOf', { code: c.code })}
                          ref={focusRow === c.code ? focusOnce : undefined}
                          value={c.name}
                          error={errorAt(`components.${i}.name`)}
                          onChange={(e) => setComponent(i, { name: e.currentTarget.value })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Checkbox
                          aria-label={t('admin.procedures.editor.componentRequiredOf', { code: c.code })}
                          checked={c.required}
                          onChange={(e) => setComponent(i, { required: e.currentTarget.checked })}
                        />
                      </Table.Td>
                      {COPY_COUNTS.map(({ field, label }) => (
                        <Table.Td key={field}>
                          <RowCount
                            aria-label={t(label, { code: c.code })}
                            max={20}
                            value={c[field]}
                            error={errorAt(`components.${i}.${field}`)}
                            onChange={(v) => setComponent(i, { [field]: numberOrNull(v) ?? 0 })}
                          />
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <RemoveRow
                          label={t('admin.procedures.editor.removeComponent', { code: c.code })}
                          focusAfter={addComponentButton}
                          onRemove={() => update((r) => ({ ...r, components: components.filter((_, j) => j !== i) }))}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </RowsTable>
                {errorAt('components') && (
                  <Text c="red" size="sm" role="alert">
                    {errorAt('components')}
                  </Text>
                )}
                <AddRow
                  ref={addComponentButton}
                  label={t('admin.procedures.editor.addComponent')}
                  full={components.length >= 99}
                  onAdd={() => {
                    const next = Math.max(0, ...components.map((c) => Number(/^TP(\d+)$/.exec(c.code)?.[1] ?? 0))) + 1;
                    setFocusRow(`TP${next}`);
                    update((r) => ({ ...r, components: [...components, { code: `TP${next}`, name: '', original: 1, copy: 0, required: true }] }));
                  }}
                />
              </Stack>
            </Fieldset>

            <Fieldset legend={t('admin.procedures.editor.fees')}>
              <Stack gap="sm">
                {perPage ? (
                  <Group align="flex-start" gap="sm" wrap="wrap">
                    {PER_PAGE_FIELDS.map((field) => (
                      <NumberInput
                        key={field}
                        label={t(`admin.procedures.editor.perPage.${field}`)}
                        min={0}
                        allowDecimal={false}
                        thousandSeparator="."
                        decimalSeparator=","
                        value={typeof perPage[field] === 'number' ? (perPage[field] as number) : ''}
                        error={errorAt(`fee_rule.${field}`)}
                        onChange={(v) => update((r) => ({ ...r, fee_rule: { ...perPage, [field]: field === 'cap_per_copy_vnd' ? numberOrNull(v) : (numberOrNull(v) ?? 0) } }))}
                        w={220}
                      />
                    ))}
                  </Group>
                ) : (
                  <NumberInput
                    label={t('admin.procedures.editor.feeVnd')}
                    description={t('admin.procedures.editor.feeVndHint')}
                    min={0}
                    max={1_000_000_000}
                    allowDecimal={false}
                    thousandSeparator="."
                    decimalSeparator=","
                    value={record.fee_vnd ?? ''}
                    error={errorAt('fee_vnd')}
                    onChange={(v) => update((r) => ({ ...r, fee_vnd: numberOrNull(v) }))}
                    maw={420}
                  />
                )}
                <LongText label={t('admin.procedures.editor.feeNote')} {...textField('fee_note')} />
              </Stack>
            </Fieldset>

            <Fieldset legend={t('admin.procedures.editor.steps')}>
              <Stack gap="sm">
                {steps.length === 0 ? (
                  <Text size="sm">{t('admin.procedures.editor.noSteps')}</Text>
                ) : (
                  <RowsTable caption={t('admin.procedures.editor.stepsCaption')} headers={[t('admin.procedures.editor.stepSeq'), t('admin.procedures.editor.stepKind'), t('admin.procedures.editor.stepAgency'), t('admin.procedures.editor.stepTask'), t('admin.procedures.editor.stepDays'), t('admin.procedures.editor.stepDepends'), t('admin.procedures.editor.actions')]}>
                    {steps.map((s, i) => (
                      <Table.Tr key={s.seq}>
                        <Table.Td>{s.seq}</Table.Td>
                        <Table.Td>
                          <NativeSelect
                            aria-label={t('admin.procedures.editor.stepKindOf', { seq: s.seq })}
                            ref={focusRow === `step-${s.seq}` ? focusOnce : undefined}
                            value={s.agency_kind ?? 'people_committee'}
                            data={choices(AGENCY_KINDS, 'agencyKinds')}
                            onChange={(e) => setStep(i, { agency_kind: e.currentTarget.value as NonNullable<StepRow['agency_kind']> })}
                          />
                        </Table.Td>
                        <Table.Td miw={200}>
                          <LongText aria-label={t('admin.procedures.editor.stepAgencyOf', { seq: s.seq })} {...stepText(i, 'agency')} />
                        </Table.Td>
                        <Table.Td miw={220}>
                          <LongText aria-label={t('admin.procedures.editor.stepTaskOf', { seq: s.seq })} {...stepText(i, 'action')} />
                        </Table.Td>
                        <Table.Td>
                          <RowCount
                            aria-label={t('admin.procedures.editor.stepDaysOf', { seq: s.seq })}
                            max={365}
                            value={s.deadline_days ?? ''}
                            error={errorAt(`interagency_steps.${i}.deadline_days`)}
                            onChange={(v) => setStep(i, { deadline_days: numberOrNull(v) })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            aria-label={t('admin.procedures.editor.stepDependsOf', { seq: s.seq })}
                            value={dependsText[i] ?? (s.depends_on ?? []).join(', ')}
                            error={errorAt(`interagency_steps.${i}.depends_on`)}
                            onChange={(e) => {
                              const text = e.currentTarget.value;
                              setDependsText((d) => ({ ...d, [i]: text }));
                              if (/^\s*(\d+\s*(,\s*\d+\s*)*)?$/.test(text))
                                setStep(i, { depends_on: text.split(',').map((n) => n.trim()).filter(Boolean).map(Number) });
                            }}
                            w={110}
                          />
                        </Table.Td>
                        <Table.Td>
                          <RemoveRow
                            label={t('admin.procedures.editor.removeStep', { seq: s.seq })}
                            focusAfter={addStepButton}
                            onRemove={() => {
                              setDependsText({});
                              update((r) => ({ ...r, interagency_steps: steps.filter((_, j) => j !== i) }));
                            }}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </RowsTable>
                )}
                <AddRow
                  ref={addStepButton}
                  label={t('admin.procedures.editor.addStep')}
                  full={steps.length >= 20}
                  onAdd={() => {
                    const seq = Math.max(0, ...steps.map((s) => s.seq)) + 1;
                    setFocusRow(`step-${seq}`);
                    const previous = steps.at(-1);
                    update((r) => ({
                      ...r,
                      interagency_steps: [...steps, { seq, agency: '', action: '', agency_kind: 'people_committee', deadline_days: null, depends_on: previous ? [previous.seq] : [] }],
                    }));
                  }}
                />
              </Stack>
            </Fieldset>

            <DayInput
              label={t('admin.procedures.editor.effectiveFrom')}
              description={t('admin.procedures.editor.effectiveFromHint', { date: shortDate(source.latest.effectiveFrom) })}
              required
              value={effectiveFrom}
              error={errorAt('effective_from')}
              onChange={(day) => {
                setEffectiveFrom(day);
                setKey(crypto.randomUUID());
              }}
              maw={420}
            />
            {Object.keys(errors).length > 0 && (
              <Alert color="red" role="alert">
                {t('admin.procedures.editor.fixFields')}
              </Alert>
            )}
            <Button type="submit" loading={publish.isPending} w="fit-content">
              {t('admin.procedures.editor.publish')}
            </Button>
            {publish.data && (
              <Alert color="green" role="status">
                {publish.data.created
                  ? t('admin.procedures.editor.created', { version: publish.data.version, date: shortDate(publish.data.effectiveFrom) })
                  : t('admin.procedures.editor.unchanged')}
              </Alert>
            )}
            {publish.error && (
              <Alert color="red" role="alert">
                {publish.error.message}
                {server.other.length > 0 && (
                  <List size="sm" mt={4}>
                    {server.other.map((m) => (
                      <List.Item key={m}>{m}</List.Item>
                    ))}
                  </List>
                )}
                {Object.keys(server.fields).length > 0 && <Text size="sm">{t('admin.procedures.editor.seeFields')}</Text>}
              </Alert>
            )}
          </Stack>
        </form>
      )}

      <Box component="details">
        <Box component="summary" style={{ cursor: 'pointer' }} fw={600}>
          {t('admin.procedures.editor.advanced')}
        </Box>
        <Box pt="sm">
          <ProcedurePublisher />
        </Box>
      </Box>
    </Stack>
  );
}
