import { Button, Code, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminError } from './admin-errors.tsx';
import { usePublishProcedure } from './admin.api.ts';

const EXAMPLE = `{
  "code": "1.004873",
  "name_vi": "Cấp Giấy xác nhận tình trạng hôn nhân",
  "level": "xa",
  "processing_days": 3,
  "processing_time_unit": "working_days",
  "documents": ["Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"],
  "effective_from": "2027-01-01"
}`;

/**
 * Công bố phiên bản thủ tục from pasted JSON (the editor's advanced section): one procedure in the
 * catalogue file shape with its `effective_from`.
 * Dossiers already received keep the version they were received under.
 */
export function ProcedurePublisher() {
  const { t } = useTranslation();
  const publish = usePublishProcedure();
  const [text, setText] = useState(EXAMPLE);
  const [parseError, setParseError] = useState<string | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  return (
    <Stack gap="sm">
      <Text size="sm">{t('admin.procedures.hint')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          try {
            const procedure = JSON.parse(text) as Record<string, unknown>;
            setParseError(null);
            publish.mutate({ procedure, key }, { onSuccess: () => setKey(crypto.randomUUID()) });
          } catch (error) {
            setParseError((error as Error).message);
          }
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('admin.procedures.json')}
            value={text}
            autosize
            minRows={10}
            styles={{ input: { fontFamily: 'monospace' } }}
            error={parseError ? t('admin.procedures.badJson', { message: parseError }) : undefined}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Button type="submit" loading={publish.isPending} w="fit-content">
            {t('admin.procedures.publish')}
          </Button>
        </Stack>
      </form>
      {publish.data && (
        <Text role="status">
          {publish.data.created
            ? t('admin.procedures.created', { code: publish.data.code, version: publish.data.version, date: publish.data.effectiveFrom })
            : t('admin.procedures.unchanged')}
        </Text>
      )}
      <AdminError error={publish.error} />
      <Text size="sm">
        {t('admin.procedures.cli')} <Code>npx motcua import procedures FILE</Code>
      </Text>
    </Stack>
  );
}
