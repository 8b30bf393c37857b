import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DocumentRef } from './cabinet.api.ts';

/** Links into the document reader (`/hop/tai-lieu`), which shows the watermarked PDF. */
export function readerLink(src: string, name: string, back: string): string {
  return `/hop/tai-lieu?${new URLSearchParams({ src, ten: name, ve: back }).toString()}`;
}

export function DocumentLinks({ documents, base, back }: { documents: DocumentRef[]; base: string; back: string }) {
  const { t } = useTranslation();
  if (documents.length === 0) return <Text className="empty-state">{t('cabinet.noDocuments')}</Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {documents.map((d) => (
        <li key={d.id}>
          <Anchor component={Link} to={readerLink(`${base}/documents/${d.id}`, d.name, back)} className="cabinet-card" data-testid="document-link">
            {t('cabinet.read', { name: d.name })}
          </Anchor>
        </li>
      ))}
    </Stack>
  );
}
