import { Anchor, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loaded } from '../../ui/query-state.tsx';
import { useDossierList } from './command-center.api.ts';
import { ColumnHeaders } from '../../ui/data-table.tsx';

const when = (iso: string | null) => (iso ? `${iso.slice(11, 16)} ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '—');

/** The dossiers behind a figure, in a dialog: names masked unless the viewer may read the dossier. */
export function DrillDown({ title, url, onClose }: { title: string; url: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const list = useDossierList(url);
  return (
    <Modal opened={!!url} onClose={onClose} title={title} size="xl" closeButtonProps={{ 'aria-label': t('commandCenter.close') }}>
      <Loaded query={list}>
        {(found) => (
          <>
            {found.elsewhere.length > 0 && (
              <Text size="sm" mb="xs" fw={600} data-testid="drill-elsewhere">
                {t('commandCenter.drill.elsewhere', { provinces: found.elsewhere.map((p) => p.name).join(', ') })}
              </Text>
            )}
            <Text size="sm" mb="xs">
              {t('commandCenter.drill.count', { shown: found.items.length, total: found.total })}
            </Text>
            <Table.ScrollContainer minWidth={640}>
              <Table striped>
                <ColumnHeaders columns={[t('commandCenter.drill.code'), t('commandCenter.drill.procedure'), t('commandCenter.drill.applicant'), t('commandCenter.drill.agency'), t('commandCenter.drill.status'), t('commandCenter.drill.due')]} />
                <Table.Tbody>
                  {found.items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        {d.masked ? (
                          (d.code ?? '—')
                        ) : (
                          <Anchor component={Link} to={`/can-bo/ho-so/${d.id}`}>
                            {d.code ?? d.id}
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td>{d.procedureName}</Table.Td>
                      <Table.Td>{d.applicantName}</Table.Td>
                      <Table.Td>{d.agencyName}</Table.Td>
                      <Table.Td>
                        {t(`workspace.status.${d.status}`, { defaultValue: d.statusLabel })}
                        {d.overdue && <Text component="span" c="red.9" fw={600}>{` · ${t('commandCenter.overdueBadge')}`}</Text>}
                      </Table.Td>
                      <Table.Td>{when(d.dueAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Loaded>
    </Modal>
  );
}
