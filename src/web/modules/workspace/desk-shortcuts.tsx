import '@mantine/core/styles/ModalBase.css';
import '@mantine/core/styles/Modal.css';
import '@mantine/core/styles/Overlay.css';
import '@mantine/core/styles/Checkbox.css';
import '@mantine/core/styles/InlineInput.css';
import { Anchor, Checkbox, Modal, Stack, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useOfficer } from './use-officer.ts';
import { ColumnHeaders } from '../../ui/data-table.tsx';

const STORAGE_KEY = 'motcua.singleKeyShortcuts';

/** Focused in a field where typing "/" or "?" is text, not a command. */
function typing(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function readSingleKeyPreference() {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

/**
 * Phím tắt của khu làm việc: Alt+N new counter reception, Alt+Q the queues, Alt+T the overview,
 * "/" the page's search box, "?" this list. Alt combinations are left alone by screen readers
 * (NVDA and JAWS use Insert/Caps Lock); the two single-key ones act only outside text fields and
 * can be switched off in the dialog (WCAG 2.1.4), the choice kept in this browser.
 */
export function DeskShortcuts() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { grants } = useOfficer();
  const [open, setOpen] = useState(false);
  const [singleKeys, setSingleKeys] = useState(readSingleKeyPreference);
  const desk = grants.some((g) => g.role === 'desk_officer');
  const leader = grants.some((g) => g.role === 'leader' || g.role === 'provincial_leader');

  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      if (e.altKey && !e.shiftKey) {
        const to = e.code === 'KeyN' && desk ? '/can-bo/tiep-nhan' : e.code === 'KeyQ' ? '/can-bo' : e.code === 'KeyT' && leader ? '/can-bo/tong-quan' : null;
        if (!to) return;
        e.preventDefault();
        if (to === '/can-bo/tiep-nhan' && window.location.pathname === to) {
          // Already at the counter: after a reception, start the next one; never discard a form being filled.
          const next = document.querySelector<HTMLButtonElement>('[data-shortcut="new-reception"]');
          if (next) next.click();
          else document.querySelector<HTMLInputElement>('[data-shortcut="search"]')?.focus();
          return;
        }
        navigate(to);
        return;
      }
      if (e.altKey || !singleKeys || typing(e.target) || document.querySelector('[role="dialog"]')) return;
      if (e.key === '/') {
        const search = document.querySelector<HTMLInputElement>('[data-shortcut="search"]');
        if (!search) return;
        e.preventDefault();
        search.focus();
        search.select();
      } else if (e.key === '?') {
        e.preventDefault();
        setOpen(true);
      }
    },
    [desk, leader, navigate, singleKeys],
  );

  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onKey]);

  const rows: [string, string][] = [
    ...(desk ? ([['Alt + N', t('workspace.shortcuts.newReception')]] as [string, string][]) : []),
    ['Alt + Q', t('workspace.shortcuts.queues')],
    ...(leader ? ([['Alt + T', t('workspace.shortcuts.overview')]] as [string, string][]) : []),
    ['/', t('workspace.shortcuts.search')],
    ['?', t('workspace.shortcuts.help')],
    ['Esc', t('workspace.shortcuts.close')],
  ];
  return (
    <>
      <Anchor component="button" type="button" onClick={() => setOpen(true)} aria-keyshortcuts="?">
        {t('workspace.shortcuts.button')}
      </Anchor>
      {/* always mounted, opened or not: closing it (Esc) gives the keyboard back where it was */}
      <Modal opened={open} onClose={() => setOpen(false)} title={t('workspace.shortcuts.title')} centered closeButtonProps={{ 'aria-label': t('workspace.form.close') }}>
        <Stack gap="sm">
          <Table withTableBorder>
            <ColumnHeaders columns={[t('workspace.shortcuts.key'), t('workspace.shortcuts.does')]} />
            <Table.Tbody>
              {rows.map(([key, does]) => (
                <Table.Tr key={key}>
                  <Table.Td>
                    <kbd>{key}</kbd>
                  </Table.Td>
                  <Table.Td>{does}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Checkbox
            label={t('workspace.shortcuts.singleKeys')}
            description={t('workspace.shortcuts.singleKeysHint')}
            checked={singleKeys}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setSingleKeys(on);
              try {
                localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
              } catch {
                // private mode: the choice lasts for this page only
              }
            }}
          />
          <Text size="sm">{t('workspace.shortcuts.note')}</Text>
        </Stack>
      </Modal>
    </>
  );
}
