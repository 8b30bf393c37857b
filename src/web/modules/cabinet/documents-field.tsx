import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredFile } from '#modules/files/files.contract.ts';
import { FilePicker } from '../../ui/file-picker.tsx';
import { apiFetch, errorText } from '../../ui/http.ts';
import type { DocumentRef } from './cabinet.api.ts';

/**
 * The documents of a draft form or of an agenda item being prepared: each with "Bỏ", and a
 * PDF/PNG/JPEG uploaded by the secretariat (`/api/v1/files`) added to the list. `label` names the
 * picker (several on one page: one per agenda item).
 */
export function DocumentsField({ documents, onChange, label, title }: { documents: DocumentRef[]; onChange: (update: (list: DocumentRef[]) => DocumentRef[]) => void; label?: string; title?: string }) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  return (
    <Stack gap={4}>
      <Text fw={600}>{title ?? t('cabinet.documents')}</Text>
      {documents.length === 0 && <Text size="sm">{t('cabinet.noDocuments')}</Text>}
      {documents.map((d) => (
        <Group key={d.id} gap="xs" justify="space-between">
          <Text size="sm">{d.name}</Text>
          <Button variant="default" color="red.9" onClick={() => onChange((list) => list.filter((x) => x.id !== d.id))} aria-label={t('cabinet.draft.removeDocument', { name: d.name })}>
            {t('cabinet.draft.remove')}
          </Button>
        </Group>
      ))}
      <FilePicker
        label={label ?? t('cabinet.draft.addDocument')}
        hint={t('cabinet.draft.addDocumentHint')}
        accept="application/pdf,image/png,image/jpeg"
        busy={uploading !== null}
        status={uploading === null ? undefined : t('fileInput.uploading', { name: uploading })}
        onChange={async (file) => {
          setUploading(file.name);
          setUploadError(null);
          const data = new FormData();
          data.append('file', file);
          try {
            const up = await apiFetch<StoredFile>('/api/v1/files', { method: 'POST', body: data });
            onChange((list) => [...list, { id: up.fileId, name: file.name, mediaType: up.mediaType, size: up.size }]);
          } catch (error) {
            setUploadError(errorText(error));
          } finally {
            setUploading(null);
          }
        }}
        error={uploadError}
      />
    </Stack>
  );
}
