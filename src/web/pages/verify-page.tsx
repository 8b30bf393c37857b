import '../modules/signatures/verify.css';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCheckCopy, useVerification } from '../modules/signatures/signatures.api.ts';
import { VerificationCard } from '../modules/signatures/verification-card.tsx';
import { ApiError } from '../ui/http.ts';
import { FilePicker } from '../ui/file-picker.tsx';
import { Loading, LoadError } from '../ui/query-state.tsx';
import { usePageTitle } from '../ui/use-page-title.ts';

/**
 * Kiểm tra kết quả ký số (no sign-in): `/verify/:resultId` is where the QR code on a signed
 * result points. It shows the server's verification of the stored PDF, and checks a copy the
 * visitor received (`POST /api/v1/public/verify`).
 */
export default function VerifyPage() {
  const { resultId = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('verify.title'));
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('verify.title')}</Title>
        <Text>{t('verify.intro')}</Text>
      </Stack>
      {resultId && <StoredResult resultId={resultId} />}
      <CheckCopy />
    </Stack>
  );
}

function StoredResult({ resultId }: { resultId: string }) {
  const { t } = useTranslation();
  const verification = useVerification(resultId);
  if (verification.isPending) return <Loading label={t('verify.checking')} />;
  if (verification.isError) {
    if (verification.error instanceof ApiError && verification.error.status === 404) {
      return (
        <Alert color="red" variant="light" role="alert" title={t('verify.notFoundTitle')}>
          {t('verify.notFound')}
        </Alert>
      );
    }
    return <LoadError onRetry={() => verification.refetch()} />;
  }
  return (
    <section aria-label={t('verify.storedSection')}>
      <VerificationCard verification={verification.data} headingId="ket-qua-kiem-tra" />
    </section>
  );
}

function CheckCopy() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const check = useCheckCopy();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setError(t('verify.copy.fileRequired'));
    setError(undefined);
    check.mutate(file);
  }

  return (
    <Paper component="section" aria-labelledby="kiem-tra-ban-sao" withBorder p={{ base: 'sm', sm: 'lg' }} radius="md">
      <Stack gap="sm">
        <Title order={2} id="kiem-tra-ban-sao" size="h3">
          {t('verify.copy.title')}
        </Title>
        <Text size="sm">{t('verify.copy.hint')}</Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <FilePicker
              label={t('verify.copy.fileLabel')}
              accept="application/pdf,.pdf"
              chosen={file}
              onChange={(f) => {
                setFile(f);
                setError(undefined);
                check.reset();
              }}
              onClear={() => {
                setFile(null);
                check.reset();
              }}
              error={error}
            />
            <Group>
              <Button type="submit" loading={check.isPending}>
                {t('verify.copy.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
        {check.isError && (
          <Alert color="red" variant="light" role="alert">
            {check.error instanceof ApiError && check.error.status === 415 ? t('verify.copy.notPdf') : check.error.message}
          </Alert>
        )}
        {check.data && <VerificationCard verification={check.data} headingId="ket-qua-ban-sao" />}
      </Stack>
    </Paper>
  );
}
