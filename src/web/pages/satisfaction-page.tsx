import { Alert, Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAgencySatisfaction } from '../modules/evaluation/evaluation.api.ts';
import { AgencyCascade } from '../modules/places/agency-cascade.tsx';
import { formatNumber } from '../ui/numbers.ts';
import { Loading } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';
import { ScrollRegion } from '../ui/scroll-region.tsx';

/**
 * Mức độ hài lòng (/muc-do-hai-long): what applicants said of an agency's handling of their
 * finished dossiers, per criterion of NĐ 61 — the figures Art. 31 asks to publish. The agency
 * lives in the address (?coQuan=), so a link opens the same figures.
 */
export default function SatisfactionPage() {
  const { t } = useTranslation();
  usePageTitle(t('evaluation.satisfaction.title'));
  const [params, setParams] = useSearchParams();
  const agency = params.get('coQuan') ?? '';
  const [province, setProvince] = useState('');
  const [commune, setCommune] = useState('');
  const setAgency = (code: string) => setParams(code ? { coQuan: code } : {}, { replace: true });
  return (
    <Stack gap="md">
      <Title order={1}>{t('evaluation.satisfaction.title')}</Title>
      <Text>{t('evaluation.satisfaction.intro')}</Text>
      <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
        <Stack gap="sm" maw={560}>
          <AgencyCascade choice={{ province, commune, agency, setProvince, setCommune, setAgency }} agencyLabel={t('evaluation.satisfaction.agency')} />
        </Stack>
      </Paper>
      {agency && <Figures agency={agency} />}
      <Text>
        <Anchor component={Link} to="/phan-anh-kien-nghi">
          {t('evaluation.feedback.send')}
        </Anchor>
      </Text>
    </Stack>
  );
}

function Figures({ agency }: { agency: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const figures = useAgencySatisfaction(agency);
  const percent = (p: number | null) => (p === null ? '—' : `${formatNumber(p, i18n.language)} %`);
  if (figures.isPending) return <Loading />;
  if (figures.isError) return <Alert color="red">{t('evaluation.satisfaction.notFound')}</Alert>;
  const s = figures.data;
  return (
    <section aria-labelledby="ket-qua-danh-gia">
      <Title order={2} size="h3" id="ket-qua-danh-gia" mb="xs">
        {s.agency.name}
      </Title>
      <Text role="status" mb="sm">
        {s.ratings === 0
          ? t('evaluation.satisfaction.none')
          : t('evaluation.satisfaction.summary', { count: s.ratings, percent: percent(s.satisfiedPercent) })}
      </Text>
      {s.ratings > 0 && (
        <ScrollRegion minWidth={560} label={s.agency.name}>
          <Table striped withTableBorder aria-labelledby="ket-qua-danh-gia">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('evaluation.satisfaction.criterion')}</Table.Th>
                {s.levels.map((l) => (
                  <Table.Th scope="col" key={l.level} ta="right">
                    {en ? l.labelEn : l.label}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  {t('evaluation.satisfaction.share')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.criteria.map((c) => (
                <Table.Tr key={c.criterion}>
                  <Table.Th scope="row" fw={400}>
                    {en ? c.labelEn : c.label}
                  </Table.Th>
                  {s.levels.map((l) => (
                    <Table.Td key={l.level} ta="right">
                      {formatNumber(c.counts[l.level] ?? 0, i18n.language)}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{percent(c.satisfiedPercent)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}
