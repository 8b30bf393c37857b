import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DocumentRef } from './cabinet.api.ts';
import { CardList } from './card-list.tsx';

/** Links into the document reader (`/hop/tai-lieu`), which shows the watermarked PDF. */
export function readerLink(src: string, name: string, back: string): string {
  return `/hop/tai-lieu?${new URLSearchParams({ src, ten: name, ve: back }).toString()}`;
}

export function DocumentLinks({ documents, base, back }: { documents: DocumentRef[]; base: string; back: string }) {
  const { t } = useTranslation();
  return (
    <CardList items={documents} empty={t('cabinet.noDocuments')} gap="xs">
      {(d) => (
        <Anchor component={Link} to={readerLink(`${base}/documents/${d.id}`, d.name, back)} className="cabinet-card" data-testid="document-link">
          {t('cabinet.read', { name: d.name })}
        </Anchor>
      )}
    </CardList>
  );
}
