import '@mantine/core/styles/ScrollArea.css';
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../ui/section.tsx';
import { TimelinessBadge } from './timeliness-badge.tsx';
import { useOfficer } from './use-officer.ts';
import { type DossierDetail, dossierFile } from './workspace.api.ts';
import { dateTime } from './workspace.format.ts';

/**
 * Liên thông: the frozen version's steps with, for each, the agency working it, its own
 * sub-deadline and timeliness, and the partial result it passed on. The caller's own steps are
 * marked; the actions (dispatch, complete_step) stay the API's allowedActions buttons.
 */
export function InteragencySteps({ d }: { d: DossierDetail }) {
  const { t, i18n } = useTranslation();
  const { grants } = useOfficer();
  const defs = d.interagencySteps ?? [];
  if (defs.length === 0) return null;
  const mine = new Set(grants.flatMap((g) => (g.agencyCode ? [g.agencyCode] : [])));
  const rows = d.steps ?? [];
  return (
    <Section id="lien-thong" title={t('workspace.interagency.title')}>
      <Text size="sm" mb="xs">
        {t('workspace.interagency.intro')}
      </Text>
      {!rows.some((r) => r.step != null) && <Text mb="xs">{t('workspace.interagency.notDispatched')}</Text>}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" data-testid="interagency-steps">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('workspace.interagency.step')}</Table.Th>
              <Table.Th scope="col">{t('workspace.interagency.agency')}</Table.Th>
              <Table.Th scope="col">{t('workspace.interagency.task')}</Table.Th>
              <Table.Th scope="col" style={{ minWidth: 110 }}>
                {t('workspace.interagency.subDue')}
              </Table.Th>
              <Table.Th scope="col" style={{ minWidth: 150 }}>
                {t('workspace.interagency.state')}
              </Table.Th>
              <Table.Th scope="col">{t('workspace.interagency.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {defs.map((def) => {
              const row = rows.find((r) => r.step === def.seq);
              const yours = !!row && mine.has(row.toAgency.code);
              return (
                <Table.Tr key={def.seq} data-step={def.seq} data-state={row ? (row.finishedAt ? 'done' : 'open') : 'pending'}>
                  <Table.Th scope="row">{def.seq}</Table.Th>
                  <Table.Td>
                    <Text size="sm">{row ? row.toAgency.name : def.agency}</Text>
                    {yours && (
                      <Text size="sm" fw={700} c="blue.9">
                        {t('workspace.interagency.yours')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{def.task}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row?.subDueAt ? dateTime(row.subDueAt, i18n.language) : '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    {!row ? (
                      <Text size="sm">
                        {def.dependsOn.length > 0
                          ? t('workspace.interagency.waitingFor', { steps: def.dependsOn.join(', ') })
                          : t('workspace.interagency.notOpened')}
                      </Text>
                    ) : (
                      <>
                        <Text size="sm">
                          {row.finishedAt
                            ? t('workspace.interagency.doneAt', { at: dateTime(row.finishedAt, i18n.language) })
                            : t('workspace.interagency.open')}
                        </Text>
                        <TimelinessBadge value={row.timeliness} />
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {row?.resultNote && <Text size="sm">{row.resultNote}</Text>}
                    {row?.resultFileId && (
                      <Anchor href={dossierFile(d.id, row.resultFileId)} target="_blank" rel="noopener" size="sm">
                        {t('workspace.interagency.resultFile')}
                      </Anchor>
                    )}
                    {!row?.resultNote && !row?.resultFileId && <Text size="sm">—</Text>}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
