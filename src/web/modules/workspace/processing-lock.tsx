import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type DossierDetail, resultPdf, useProcessingLock } from './workspace.api.ts';
import { dateTime } from './workspace.format.ts';

/**
 * Khóa xử lý on the processing page: reading the dossier takes no lock; the officer claims it
 * when starting an action (`acting`), and keeps it renewed until leaving the page. Tells whether
 * another officer holds it ("Đang được xử lý bởi … từ …"), in which case the actions are
 * disabled; a leader of the agency processing the dossier may take it over.
 */
export function useDossierLock(d: DossierDetail, acting: boolean) {
  const wantsLock = acting && d.allowedActions.length > 0;
  const { claim, takeOver } = useProcessingLock(d.id, wantsLock);
  // a failed renewal (another officer took it over) counts, even though the last data said "mine"
  const mineNow = claim.isSuccess && claim.data.mine;
  const other = mineNow ? null : d.lock && !d.lock.mine ? d.lock : null;
  return { lockedByOther: other, takeOver };
}

export function LockBanner({ lock, takeOver }: { lock: NonNullable<DossierDetail['lock']>; takeOver: ReturnType<typeof useDossierLock>['takeOver'] }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="yellow" variant="light" role="status" styles={{ title: { color: '#5c3d00' } }} title={t('workspace.lock.lockedBy', { name: lock.holder.name, time: dateTime(lock.since, i18n.language) })}>
      <Stack gap="xs">
        <Text size="sm">{t('workspace.lock.hint')}</Text>
        {lock.canTakeOver && (
          <div>
            <Button size="sm" variant="outline" color="dark" loading={takeOver.isPending} onClick={() => takeOver.mutate()}>
              {t('workspace.lock.takeOver')}
            </Button>
          </div>
        )}
        {takeOver.isError && (
          <Text size="sm" c="red.9" role="alert">
            {takeOver.error.message}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** The result's state under the actions: waiting for the clerk, or the signed PDF once issued. */
export function ResultStatus({ d }: { d: DossierDetail }) {
  const { t } = useTranslation();
  if (d.awaitingIssueBy) return <Text data-testid="awaiting-issue">{t('workspace.lock.awaitingIssue', { agency: d.awaitingIssueBy.name })}</Text>;
  if (!d.result) return null;
  return (
    <Text>
      <Anchor href={resultPdf(d.id)} target="_blank" rel="noopener" data-testid="result-link">
        {t('workspace.lock.resultLink', { number: d.result.number })}
      </Anchor>
    </Text>
  );
}
