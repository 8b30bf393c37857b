import { Alert, Anchor, Button, Card, Group, Image, Stack, Text, Title } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Payment, useDossierPayments, useOpenPayment } from './payments.api.ts';

const vnd = (n: number, lang: string) => `${new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN').format(n)} đ`;

function VietQr({ payload, label }: { payload: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    QRCode.toDataURL(payload, { margin: 1, width: 220, errorCorrectionLevel: 'M' }).then(setSrc, () => setSrc(null));
  }, [payload]);
  return src ? <Image src={src} alt={label} w={180} h={180} /> : null;
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
          <VietQr payload={bank.vietQr} label={t('payments.qrAlt', { amount: vnd(order.amountVnd, i18n.language) })} />
          <Stack gap={4}>
            <Text size="sm">{t('payments.scan')}</Text>
            <Text size="sm">
              {t('payments.account')}: <strong>{bank.account}</strong> ({bank.accountName})
            </Text>
            <Text size="sm">
              {t('payments.message')}: <strong>{bank.message}</strong>
            </Text>
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

/** What the dossier owes and how to pay it (VietQR or the gateway), then the e-receipts. */
export function PaymentPanel({ dossierId }: { dossierId: string }) {
  const { t, i18n } = useTranslation();
  const payments = useDossierPayments(dossierId);
  const open = useOpenPayment(dossierId);
  if (!payments.data) return null;
  const { items, pending } = payments.data;
  if (items.length === 0 && !pending) return null;
  const pendingOrder = items.find((p) => p.status === 'pending');
  const justPaid = new URLSearchParams(window.location.search).get('thanh-toan') === 'thanh-cong';
  return (
    <Card withBorder component="section" aria-labelledby="payments-title">
      <Title order={2} size="h4" id="payments-title" mb="xs">
        {t('payments.title')}
      </Title>
      {justPaid && (
        <Alert color="green" mb="sm" role="status">
          {t('payments.paidNotice')}
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
          {open.error && <Alert color="red">{open.error.message}</Alert>}
        </Stack>
      )}
      {pendingOrder && <PendingOrder order={pendingOrder} />}
      {items
        .filter((p) => p.status === 'paid')
        .map((p) => (
          <Text key={p.id} size="sm" mt="xs">
            {t('payments.paid', { amount: vnd(p.amountVnd, i18n.language), receipt: p.receiptNo })}{' '}
            {p.receiptUrl && (
              <Anchor href={p.receiptUrl} target="_blank" rel="noopener">
                {t('payments.receipt')}
              </Anchor>
            )}
          </Text>
        ))}
    </Card>
  );
}
