import { Alert, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ColumnHeaders } from '../../ui/data-table.tsx';
import { FilePicker } from '../../ui/file-picker.tsx';
import { ApiError } from '../../ui/http.ts';
import { AdminError } from './admin-errors.tsx';
import { type ImportAccount, type ImportDone, type ImportProblem, useImportPreview, useImportUsers } from './user-import.api.ts';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const COLUMNS = ['username', 'fullName', 'role', 'agencyCode', 'email', 'phone', 'idNumber'] as const;
const SAMPLE = `${COLUMNS.join(',')}\nmotcua.phuongA,Nguyễn Văn An,desk_officer,004.00.50.H01,an@example.gov.vn,0912345678,\nlanhdao.phuongA,Trần Thị Bình,leader;specialist,004.00.50.H01,,,\n`;

/** A CSV cell (a username or password needs no quotes; a name with a comma would). */
const csvCell = (value: string) => (/[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Offers text as a file to save, made in the browser (nothing is asked of the server again). */
function download(name: string, text: string) {
  // the BOM: Excel opens a UTF-8 CSV with its Vietnamese letters intact
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function RoleList({ account }: { account: ImportAccount }) {
  const { t } = useTranslation();
  const roles = account.grants.map((g) => t(`admin.roles.${g.role}`, { defaultValue: g.role })).join(', ');
  const where = account.grants[0]?.agencyCode ?? t('admin.users.everywhere');
  return (
    <>
      {roles} — {where}
    </>
  );
}

/** The problems of a file, by row and column, in the screen's language. */
function Problems({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  const column = (c: string) => (COLUMNS.includes(c as (typeof COLUMNS)[number]) ? t(`admin.userImport.columns.${c}`) : c);
  return (
    <Table.ScrollContainer minWidth={480} type="native" tabIndex={0} role="region" aria-label={t('admin.userImport.problemsTitle')}>
      <Table striped withTableBorder>
        <ColumnHeaders columns={[t('admin.userImport.row'), t('admin.userImport.column'), t('admin.userImport.problem')]} />
        <Table.Tbody>
          {problems.map((p) => (
            <Table.Tr key={`${p.row}-${p.column}-${p.message}`}>
              <Table.Td>{p.row}</Table.Td>
              <Table.Td>{column(p.column)}</Table.Td>
              <Table.Td>{p.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What was created: each username with its temporary password, shown once, and the CSV to keep them. */
function Created({ done, onAgain }: { done: ImportDone; onAgain: () => void }) {
  const { t } = useTranslation();
  const withPasswords = done.accounts.some((a) => a.temporaryPassword);
  const csv = ['username,temporaryPassword', ...done.accounts.map((a) => `${csvCell(a.username)},${csvCell(a.temporaryPassword ?? '')}`)].join('\r\n');
  return (
    <Stack gap="sm">
      <Text role="status" fw={600}>
        {t(done.replayed ? 'admin.userImport.replayed' : 'admin.userImport.created', { count: done.created })}
      </Text>
      {withPasswords && (
        <>
          <Alert color="yellow" variant="light">
            {t('admin.userImport.shownOnce')}
          </Alert>
          <Group>
            <Button onClick={() => download('mat-khau-tam.csv', `${csv}\r\n`)}>{t('admin.userImport.download')}</Button>
          </Group>
          <Table.ScrollContainer minWidth={420} type="native" tabIndex={0} role="region" aria-label={t('admin.userImport.passwordsTitle')}>
            <Table striped withTableBorder>
              <ColumnHeaders columns={[t('admin.users.username'), t('admin.users.fullName'), t('admin.users.temporaryPassword')]} />
              <Table.Tbody>
                {done.accounts.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.username}</Table.Td>
                    <Table.Td>{a.fullName}</Table.Td>
                    <Table.Td ff="monospace">{a.temporaryPassword}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <Group>
        <Button variant="default" onClick={onAgain}>
          {t('admin.userImport.again')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Nhập tài khoản từ tệp: choose a CSV or .xlsx file; the server checks every row (a dry run) and
 * the screen lists each problem by row and column, or the accounts it would create; then "Tạo N
 * tài khoản" creates them all (or none), and the temporary passwords are shown once, with a CSV
 * of them made here in the browser.
 */
export function UserImport() {
  const { t } = useTranslation();
  const preview = useImportPreview();
  const create = useImportUsers();
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState('');
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setKey(crypto.randomUUID());
    create.reset();
    if (chosen) preview.mutate(chosen);
    else preview.reset();
  };
  const checked = preview.data;
  const done = create.data;
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('admin.userImport.title')}
      </Title>
      <Text size="sm">{t('admin.userImport.help')}</Text>
      <List size="sm">
        <List.Item>{t('admin.userImport.helpColumns')}</List.Item>
        <List.Item>{t('admin.userImport.helpRoles')}</List.Item>
        <List.Item>{t('admin.userImport.helpAll')}</List.Item>
      </List>
      <Group>
        <Button variant="default" size="compact-sm" onClick={() => download('mau-tai-khoan.csv', SAMPLE)}>
          {t('admin.userImport.sample')}
        </Button>
      </Group>
      {done ? (
        <Created done={done} onAgain={() => choose(null)} />
      ) : (
        <>
          <FilePicker
            label={t('admin.userImport.file')}
            hint={t('admin.userImport.fileHint')}
            accept={ACCEPT}
            chosen={file}
            busy={preview.isPending}
            status={preview.isPending && file ? t('admin.userImport.checking', { name: file.name }) : undefined}
            onChange={choose}
            onClear={() => choose(null)}
          />
          <AdminError error={preview.error} />
          {checked && (
            <div role="status">
              {checked.problems.length > 0 ? (
                <Alert color="red" variant="light">
                  {t('admin.userImport.hasProblems', { count: checked.problems.length })}
                </Alert>
              ) : (
                <Text>{t('admin.userImport.ready', { count: checked.accounts.length })}</Text>
              )}
            </div>
          )}
          {checked && checked.problems.length > 0 && <Problems problems={checked.problems} />}
          {checked && checked.problems.length === 0 && (
            <>
              <Table.ScrollContainer minWidth={560} type="native" tabIndex={0} role="region" aria-label={t('admin.userImport.previewTitle')}>
                <Table striped withTableBorder>
                  <ColumnHeaders columns={[t('admin.userImport.row'), t('admin.users.username'), t('admin.users.fullName'), t('admin.users.grants')]} />
                  <Table.Tbody>
                    {checked.accounts.map((a) => (
                      <Table.Tr key={a.row}>
                        <Table.Td>{a.row}</Table.Td>
                        <Table.Td>{a.username}</Table.Td>
                        <Table.Td>{a.fullName}</Table.Td>
                        <Table.Td>
                          <RoleList account={a} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group>
                <Button
                  loading={create.isPending}
                  onClick={() =>
                    file &&
                    create.mutate(
                      { file, key },
                      {
                        // Someone took a username meanwhile: check the file again to show the rows.
                        onError: (error) => error instanceof ApiError && error.code === 'IMPORT_INVALID' && preview.mutate(file),
                      },
                    )
                  }
                >
                  {t('admin.userImport.create', { count: checked.accounts.length })}
                </Button>
              </Group>
            </>
          )}
          <AdminError error={create.error} />
        </>
      )}
    </Stack>
  );
}
