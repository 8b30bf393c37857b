import '@mantine/core/styles/Image.css';
import { Alert, Anchor, Button, Card, Group, Image, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../dossiers/dossier-format.ts';
import { type Payment, useDossierPayments, useOpenPayment } from './payments.api.ts';
import { formatNumber } from '../../ui/numbers.ts';
import { ActionError } from '../../ui/query-state.tsx';

export const vnd = (n: number, lang: string) => `${formatNumber(n, lang)} đ`;

/** The VietQR code, and a link that saves it as a PNG (to open it later in the bank's app on the same phone). */
function VietQr({ payload, label, fileName }: { payload: string; label: string; fileName: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    // The QR encoder is loaded only when there is something to pay (its own chunk, not the dossier page's).
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(payload, { margin: 2, width: 440, errorCorrectionLevel: 'M' }))
      .then(setSrc, () => setSrc(null));
  }, [payload]);
  if (!src) return null;
  return (
    <Stack gap={4} align="flex-start">
      <Image src={src} alt={label} w={180} h={180} />
      <Anchor href={src} download={fileName} size="sm" data-testid="save-qr">
        {t('payments.saveQr')}
      </Anchor>
    </Stack>
  );
}

/** One value to type into the bank's app, with a button that copies it (and says so). */
function CopyLine({ label, value, copyValue, testId }: { label: string; value: string; copyValue?: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(copyValue ?? value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false);
    }
  }
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between" className="copy-line">
      <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {label}: <strong data-testid={testId}>{value}</strong>
      </Text>
      <Button size="compact-sm" variant="default" style={{ flexShrink: 0 }} onClick={() => void copy()} aria-label={`${t('payments.copy')}: ${label}`}>
        {copied ? t('payments.copied') : t('payments.copy')}
      </Button>
      <span className="visually-hidden" aria-live="polite">
        {copied ? t('payments.copiedValue', { label }) : ''}
      </span>
    </Group>
  );
}

function PendingOrder({ order }: { order: Payment }) {
  const { t, i18n } = useTranslation();
  const bank = order.bankTransfer;
  return (
    <Stack gap="xs">
      <Text>
        {t('payments.amount')}: <strong>{vnd(order.amountVnd, i18n.language)}</strong> — {order.reason}
      </Text>
      {bank && (
        <Group align="flex-start" gap="md">
          <VietQr
            payload={bank.vietQr}
            label={t('payments.qrAlt', { amount: vnd(order.amountVnd, i18n.language) })}
            fileName={`vietqr-${order.orderRef}.png`}
          />
          <Stack gap={6} className="bank-transfer">
            <Text size="sm">{t('payments.scan')}</Text>
            <Text size="sm">
              {t('payments.bank')}: <strong data-testid="bank-name">{bank.bankName}</strong>
            </Text>
            <CopyLine label={t('payments.account')} value={bank.account} testId="bank-account" />
            <Text size="sm" c="gray.8">
              {t('payments.accountName')}: {bank.accountName}
            </Text>
            <CopyLine label={t('payments.amount')} value={vnd(order.amountVnd, i18n.language)} copyValue={String(order.amountVnd)} testId="bank-amount" />
            <CopyLine label={t('payments.message')} value={bank.message} testId="bank-message" />
          </Stack>
        </Group>
      )}
      {order.gatewayUrl && (
        <Button component="a" href={order.gatewayUrl} w="fit-content">
          {t('payments.payOnline')}
        </Button>
      )}
    </Stack>
  );
}

/** One settled payment: paid (with its e-receipt), owed back, or refunded (the receipt stays valid). */
export function SettledPayment({ payment: p }: { payment: Payment }) {
  const { t, i18n } = useTranslation();
  const amount = vnd(p.amountVnd, i18n.language);
  return (
    <Stack gap={2} mt="xs" data-testid={`payment-${p.status}`}>
      <Text size="sm">
        {t(p.kind === 'fee' ? 'payments.feePaid' : 'payments.paid', { amount, receipt: p.receiptNo })}{' '}
        {p.receiptUrl && (
          <Anchor href={p.receiptUrl} target="_blank" rel="noopener">
            {t('payments.receipt')}
          </Anchor>
        )}
      </Text>
      {p.status === 'refund_due' && p.refundDue && (
        <Text size="sm" fw={600}>
          {t('payments.refundDue', { reason: p.refundDue.reason })}
        </Text>
      )}
      {p.status === 'refunded' && p.refund && (
        <Text size="sm" fw={600}>
          {t('payments.refunded', { amount, reference: p.refund.reference, at: dateTime(p.refund.at) })}
        </Text>
      )}
    </Stack>
  );
}

/**
 * What the dossier owes and how to pay it (VietQR or the gateway): the fixed fee the applicant may
 * pay online after submitting ("Nộp phí trực tuyến"), a payment the agency asked for, then the
 * e-receipts and refunds.
 */
export function PaymentPanel({ dossierId }: { dossierId: string }) {
  const { t, i18n } = useTranslation();
  const payments = useDossierPayments(dossierId);
  const open = useOpenPayment(dossierId);
  if (!payments.data) return null;
  const { items, pending, fee } = payments.data;
  if (items.length === 0 && !pending && !fee) return null;
  // The order to pay now: for the request the dossier waits for, else for the fee while it may still be paid
  // (a fee order left unpaid when the dossier ended or moved to status 6 is not offered).
  const pendingOrder =
    (pending ? items.find((p) => p.kind === 'request' && p.status === 'pending') : undefined) ??
    (fee ? items.find((p) => p.kind === 'fee' && p.status === 'pending') : undefined);
  const settled = items.filter((p) => p.status !== 'pending');
  const justPaid = new URLSearchParams(window.location.search).get('thanh-toan') === 'thanh-cong';
  const lastPaid = settled.at(-1);
  return (
    <Card withBorder component="section" aria-labelledby="payments-title">
      <Title order={2} size="h4" id="payments-title" mb="xs">
        {t('payments.title')}
      </Title>
      {justPaid && lastPaid && (
        <Alert color="green" mb="sm" role="status">
          {t(lastPaid.kind === 'fee' ? 'payments.feePaidNotice' : 'payments.paidNotice')}
        </Alert>
      )}
      {pending && !pendingOrder && (
        <Stack gap="xs">
          <Text>
            {t('payments.owed')}: <strong>{vnd(pending.amountVnd, i18n.language)}</strong> — {pending.reason}
          </Text>
          <Button onClick={() => open.mutate()} loading={open.isPending} w="fit-content">
            {t('payments.open')}
          </Button>
          <ActionError error={open.error} />
        </Stack>
      )}
      {!pending && fee && !pendingOrder && (
        <Stack gap="xs">
          <Text>
            {t('payments.feeOwed')}: <strong>{vnd(fee.amountVnd, i18n.language)}</strong> — {fee.lines.map((l) => l.label).join(', ')}
          </Text>
          <Text size="sm">{t('payments.feeHint')}</Text>
          <Button onClick={() => open.mutate()} loading={open.isPending} w="fit-content">
            {t('payments.payFee')}
          </Button>
          <ActionError error={open.error} />
        </Stack>
      )}
      {pendingOrder && <PendingOrder order={pendingOrder} />}
      {settled.map((p) => (
        <SettledPayment key={p.id} payment={p} />
      ))}
    </Card>
  );
}
