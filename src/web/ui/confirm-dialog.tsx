import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Overlay.css';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A decision asked once more before it is sent (sign and send a report, accept one…): the
 * question, "Hủy" (Escape or the close button too: nothing changes, the focus goes back to the
 * button that opened it) and the decision's own word. `onConfirm` runs after the dialog closes.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirm,
  cancel,
  close,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  /** The decision's button, e.g. "Ký số và gửi". */
  confirm: string;
  cancel: string;
  /** The close button's accessible name. */
  close: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered closeButtonProps={{ 'aria-label': close }}>
      <Stack gap="sm">
        <Text>{children}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {cancel}
          </Button>
          <Button
            onClick={() => {
              onClose();
              onConfirm();
            }}
          >
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
