import { Button, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../ui/section.tsx';
import { SettledPayment } from './payment-panel.tsx';
import { type Payment, useDossierPayments, useRecordRefund } from './payments.api.ts';
import { ActionError } from '../../ui/query-state.tsx';

/**
 * Phí, lệ phí on the officer's dossier page: "Đã nộp phí" with the e-receipt for each paid order,
 * and, where the refund rules owe it back, the form the desk records the refund with.
 */
export function DeskPayments({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const payments = useDossierPayments(dossierId);
  const settled = payments.data?.items.filter((p) => p.status !== 'pending') ?? [];
  if (settled.length === 0) return null;
  return (
    <Section id="phi-le-phi" title={t('payments.title')}>
      {settled.map((p) => (
        <Stack key={p.id} gap="xs">
          <SettledPayment payment={p} />
          {p.status === 'refund_due' && <RefundForm dossierId={dossierId} payment={p} />}
        </Stack>
      ))}
    </Section>
  );
}

function RefundForm({ dossierId, payment }: { dossierId: string; payment: Payment }) {
  const { t } = useTranslation();
  const record = useRecordRefund(dossierId);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (reference.trim().length < 3) return setError(t('payments.refundForm.referenceRequired'));
        setError(null);
        record.mutate({ paymentId: payment.id, reference: reference.trim(), note: note.trim() || undefined });
      }}
    >
      <Stack gap="xs" maw={420}>
        <TextInput
          label={t('payments.refundForm.reference')}
          required
          value={reference}
          error={error}
          onChange={(e) => {
            setReference(e.currentTarget.value);
            setError(null);
          }}
        />
        <TextInput label={t('payments.refundForm.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <ActionError error={record.error} color="red" />
        <Button type="submit" loading={record.isPending} w="fit-content">
          {t('payments.refundForm.submit')}
        </Button>
      </Stack>
    </form>
  );
}
