import { Badge, Button, Progress, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/http.ts';
import { FilePicker, fileSize } from '../../ui/file-picker.tsx';
import { ACCEPT_ATTRIBUTE, ACCEPTED_TYPES, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB, uploadFile } from './dossiers.api.ts';
import type { StoredFile as UploadedFile } from '#modules/files/files.contract.ts';

/** A stored file attached to a component, with the name it was chosen under. */
export type AttachedFile = Pick<UploadedFile, 'fileId' | 'size'> & { name: string };

/** The words for a failed upload: 413 too large, 415 wrong type, otherwise try again. */
function uploadErrorText(t: (key: string, options?: Record<string, unknown>) => string, error: unknown): string {
  if (error instanceof ApiError && error.status === 413) return t('citizen.upload.tooLarge', { max: MAX_UPLOAD_MB });
  if (error instanceof ApiError && error.status === 415) return t('citizen.upload.wrongType');
  if (error instanceof ApiError && error.status === 401) return t('citizen.upload.signedOut');
  return t('citizen.upload.failed');
}

/**
 * One dossier component: its name, whether it is required, a file control (PDF/JPEG/PNG), a
 * progress bar while uploading (resumable: after a lost connection it continues from where the
 * server has the file) and the attached file.
 */
export function ComponentUpload({
  anchorId,
  code,
  name,
  required,
  attached,
  error,
  onAttached,
  onRemoved,
}: {
  /** Id of the list item, so an error summary can send focus here. */
  anchorId?: string;
  code: string;
  name: string;
  required: boolean;
  attached: AttachedFile | undefined;
  error?: string;
  onAttached: (file: AttachedFile, uploaded: UploadedFile) => void;
  onRemoved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const message = failure ?? error;

  async function choose(file: File) {
    setFailure(null);
    if (file.type && !ACCEPTED_TYPES.includes(file.type)) {
      setFailure(t('citizen.upload.wrongType'));
      return;
    }
    // The server's own limit (MOTCUA_MAX_UPLOAD_BYTES): refused here before a byte is sent.
    if (file.size > MAX_UPLOAD_BYTES) {
      setFailure(t('citizen.upload.tooLarge', { max: MAX_UPLOAD_MB }));
      return;
    }
    setProgress(0);
    try {
      const uploaded = await uploadFile(file, setProgress, undefined, setWaiting);
      onAttached({ fileId: uploaded.fileId, name: file.name, size: uploaded.size }, uploaded);
    } catch (e) {
      setFailure(uploadErrorText(t, e));
    } finally {
      setProgress(null);
      setWaiting(false);
    }
  }

  return (
    <Stack component="li" id={anchorId} gap={6} className="component-upload" data-component={code}>
      <Text fw={600} id={`${id}-name`}>
        {code}. {name}
      </Text>
      <Badge variant="outline" color={required ? 'red.9' : 'gray.8'} tt="none" w="fit-content">
        {required ? t('procedure.requiredYes') : t('procedure.requiredNo')}
      </Badge>
      <FilePicker
        labelledBy={`${id}-name`}
        accept={ACCEPT_ATTRIBUTE}
        hint={t('citizen.upload.hint', { max: MAX_UPLOAD_MB })}
        chosen={attached}
        busy={progress !== null}
        error={message}
        status={
          progress !== null ? (
            <span data-testid={waiting ? `upload-waiting-${code}` : undefined}>
              {t(waiting ? 'citizen.upload.waiting' : 'citizen.upload.uploading', { percent: Math.round(progress * 100) })}
            </span>
          ) : attached ? (
            <span data-testid={`attached-${code}`}>{t('citizen.upload.attached', { name: attached.name, size: fileSize(attached.size, i18n.language) })}</span>
          ) : undefined
        }
        after={
          attached &&
          progress === null && (
            <Button variant="subtle" size="compact-sm" color="red" c="red.9" onClick={onRemoved}>
              {t('citizen.upload.remove')}
              <span className="visually-hidden">: {name}</span>
            </Button>
          )
        }
        onChange={(file) => void choose(file)}
      />
      {progress !== null && (
        <Progress value={Math.round(progress * 100)} aria-label={t('citizen.upload.progress', { name })} size="lg" animated />
      )}
    </Stack>
  );
}
