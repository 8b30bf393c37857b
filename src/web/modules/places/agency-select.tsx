import { NativeSelect, Stack, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch, withQuery } from '../../ui/http.ts';
import type { z } from 'zod';
import type { Agency, AgencyList as AgencyListOut } from '#modules/places/places.contract.ts';

type AgencyList = z.infer<typeof AgencyListOut>;

/** An agency as `GET /api/v1/agencies` answers it (with its province's and commune's names). */
export type AgencyOption = Agency;

const HOUR = 60 * 60 * 1000;

/** Lower case, without diacritics (any tone placement) and with đ → d: "Hoàn Kiếm" and "hoan kiem" match. */
const foldText = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

/** Abbreviations officers type ("ubnd hoan kiem"), as the server's agency search reads them (places.repository.ts). */
const ABBREVIATIONS: Record<string, string> = { ubnd: 'uy ban nhan dan', hdnd: 'hoi dong nhan dan', bhxh: 'bao hiem xa hoi', tp: 'thanh pho' };
export const searchWords = (search: string) =>
  foldText(search)
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (ABBREVIATIONS[w.replace(/\.$/, '')] ?? w).split(' '));

/** One agency in words: name, code, and where it is (commune, province). */
function agencyLabel(a: AgencyOption) {
  const where = [a.communeName, a.provinceName].filter(Boolean).join(', ');
  return where ? `${a.name} — ${a.code} — ${where}` : `${a.name} — ${a.code}`;
}

function useProvinceAgencies(provinceCode: string | null | undefined) {
  return useQuery({
    queryKey: ['agencies', 'province', provinceCode],
    queryFn: ({ signal }) => apiFetch<AgencyList>(withQuery('/api/v1/agencies', { provinceCode: provinceCode ?? '' }), { signal }),
    enabled: !!provinceCode,
    staleTime: HOUR,
  });
}

export function useAgency(code: string | null | undefined) {
  return useQuery({
    queryKey: ['agencies', 'one', code],
    queryFn: ({ signal }) => apiFetch<AgencyOption>(`/api/v1/agencies/${encodeURIComponent(code ?? '')}`, { signal }),
    enabled: !!code,
    staleTime: HOUR,
  });
}

/**
 * Chọn cơ quan: a search box (name, code, commune or province, with or without diacritics) that
 * narrows a native select, grouped so the likely choices come first: `preferred` agencies (e.g.
 * the competent one), then those of `preferKinds` (e.g. the next inter-agency step's kind) in the
 * province, then the rest of the province, then matches elsewhere in the country (searched on the
 * server once two letters are typed). A native select keeps it keyboard- and screen-reader-plain.
 */
export function AgencySelect(props: {
  label: string;
  description?: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
  required?: boolean;
  /** Agencies of this province are listed without typing. */
  provinceCode?: string | null;
  /** Kinds offered first, e.g. the next inter-agency step's (`police`, `social_insurance`). */
  preferKinds?: string[];
  preferKindsLabel?: string;
  /** Codes offered before everything else (e.g. the competent agency), with their group's label. */
  preferred?: { codes: string[]; label: string };
  /** Codes never offered (e.g. the agency the dossier is already at). */
  exclude?: string[];
}) {
  const { t } = useTranslation();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const province = useProvinceAgencies(props.provinceCode);
  const remote = useQuery({
    queryKey: ['agencies', 'search', debounced],
    queryFn: ({ signal }) => apiFetch<AgencyList>(withQuery('/api/v1/agencies', { q: debounced, limit: 50 }), { signal }),
    enabled: debounced.length >= 2,
    staleTime: HOUR,
    placeholderData: (previous) => previous,
  });
  const selected = useAgency(props.value && !province.data?.items.some((a) => a.code === props.value) ? props.value : null);

  const groups = useMemo(() => {
    const excluded = new Set(props.exclude ?? []);
    const words = searchWords(search);
    const matches = (a: AgencyOption) => {
      if (a.code === props.value) return true; // the chosen one stays visible while searching
      const text = foldText(`${a.name} ${a.code} ${a.communeName ?? ''} ${a.provinceName ?? ''}`);
      return words.every((w) => text.includes(w));
    };
    const seen = new Set<string>();
    const take = (list: AgencyOption[]) =>
      list.filter((a) => {
        if (excluded.has(a.code) || seen.has(a.code) || !matches(a)) return false;
        seen.add(a.code);
        return true;
      });
    const inProvince = province.data?.items ?? [];
    const known = [...inProvince, ...(remote.data?.items ?? []), ...(selected.data ? [selected.data] : [])];
    const byCode = new Map(known.map((a) => [a.code, a]));
    const preferredCodes = props.preferred?.codes ?? [];
    const kinds = new Set(props.preferKinds ?? []);
    const out: { group: string; items: AgencyOption[] }[] = [
      { group: props.preferred?.label ?? '', items: take(preferredCodes.flatMap((c) => byCode.get(c) ?? [])) },
      { group: props.preferKindsLabel ?? t('agencySelect.preferKinds'), items: take(inProvince.filter((a) => kinds.has(a.kind))) },
      { group: t('agencySelect.province'), items: take(inProvince) },
      { group: t(props.provinceCode ? 'agencySelect.elsewhere' : 'agencySelect.results'), items: debounced.length >= 2 ? take(remote.data?.items ?? []) : [] },
      { group: t('agencySelect.chosen'), items: take(selected.data ? [selected.data] : []) },
    ];
    return out.filter((g) => g.items.length > 0);
  }, [search, debounced, province.data, remote.data, selected.data, props.value, props.exclude, props.preferred, props.preferKinds, props.preferKindsLabel, props.provinceCode, t]);

  const count = groups.reduce((n, g) => n + g.items.length, 0);
  const loading = province.isPending && !!props.provinceCode;
  const empty = loading ? t('app.loading') : count === 0 ? t('agencySelect.none') : t('workspace.form.choose');
  return (
    <Stack gap={6}>
      <TextInput
        id={searchId}
        type="search"
        label={t('agencySelect.search', { label: props.label })}
        description={t('agencySelect.searchHint')}
        value={search}
        maxLength={100}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <NativeSelect
        label={props.label}
        description={props.description}
        required={props.required}
        value={props.value}
        error={props.error}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        data={[{ value: '', label: empty }, ...groups.map((g) => ({ group: g.group, items: g.items.map((a) => ({ value: a.code, label: agencyLabel(a) })) }))]}
      />
      <VisuallyHidden role="status">{search.trim() ? t('agencySelect.count', { count }) : ''}</VisuallyHidden>
    </Stack>
  );
}
