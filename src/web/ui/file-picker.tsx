import { Button, FileButton, Group, Input, Text } from '@mantine/core';
import { type ReactNode, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from './numbers.ts';

/** A file by the name it was chosen under and its size in bytes (a `File`, or one already uploaded). */
export interface ChosenFile {
  name: string;
  size: number;
}

/** A size the way the screen's language writes it: 512 B, 1,5 MB (vi) or 1.5 MB (en). */
export function fileSize(bytes: number, language: string): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, language, 'decimal')} KB`;
  return `${formatNumber(bytes / 1024 / 1024, language, 'decimal')} MB`;
}

/**
 * The one file control of the web app. A browser's own `<input type="file">` writes "Choose File"
 * and "No file chosen" in the browser's language, and tells a screen reader "No file chosen" even
 * when hidden; here that input is Mantine's FileButton's (`display: none`, out of the
 * accessibility tree) and everything shown or read comes from the dictionary: a real button
 * "Chọn tệp…" (Tab reaches it, Enter or Space opens the chooser) named with the field's label,
 * then what is chosen (name and size) or "Chưa chọn tệp", the accepted types and size, and the
 * error. The input's value is cleared after each choice, so choosing the same file again counts.
 */
export function FilePicker({
  label,
  labelledBy,
  accept,
  hint,
  chosen,
  status,
  error,
  required,
  busy,
  onChange,
  onClear,
  after,
  testId,
}: {
  /** The field's visible name; also the end of the button's accessible name ("Chọn tệp… {label}"). */
  label?: ReactNode;
  /** Ids of what else names the file (shown elsewhere, e.g. a dossier component's name), read before the label. */
  labelledBy?: string;
  /** What the chooser offers (`accept`); the server still checks every file by its content. */
  accept: string;
  /** The accepted types and size. */
  hint?: ReactNode;
  /** The file chosen or already attached; none: "Chưa chọn tệp". */
  chosen?: ChosenFile | null;
  /** Said instead of the chosen file (an upload's progress or outcome). */
  status?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  /** While a file uploads: the button keeps its focus (not `disabled`), a new choice is ignored. */
  busy?: boolean;
  onChange: (file: File) => void;
  /** When given, a chosen file can be let go ("Bỏ tệp đã chọn"); focus then goes back to the button. */
  onClear?: () => void;
  /** Shown after what is chosen, on its line (e.g. "Bỏ tệp"). */
  after?: ReactNode;
  /** `data-testid` of the line saying what is chosen. */
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const reset = useRef<() => void>(null);
  return (
    <Input.Wrapper
      labelElement="div"
      label={label}
      required={required}
      description={hint}
      error={error}
      className="file-picker"
      labelProps={{ id: `${id}-label` }}
      descriptionProps={{ id: `${id}-hint` }}
      errorProps={{ id: `${id}-error`, role: 'alert' }}
    >
      <Group gap="xs" wrap="wrap" mt={4}>
        <FileButton
          accept={accept}
          resetRef={reset}
          onChange={(file) => {
            reset.current?.();
            if (file && !busy) onChange(file);
          }}
        >
          {(props) => (
            <Button
              {...props}
              id={`${id}-button`}
              variant="default"
              aria-labelledby={[`${id}-button`, labelledBy, label && `${id}-label`].filter(Boolean).join(' ')}
              aria-describedby={[`${id}-status`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')}
              aria-invalid={error ? true : undefined}
              aria-disabled={busy || undefined}
              data-busy={busy || undefined}
            >
              {t(chosen ? 'fileInput.chooseAnother' : 'fileInput.choose')}
            </Button>
          )}
        </FileButton>
        <Text size="sm" id={`${id}-status`} data-testid={testId} aria-live="polite" style={{ overflowWrap: 'anywhere' }}>
          {status ?? (chosen ? t('fileInput.chosen', { name: chosen.name, size: fileSize(chosen.size, i18n.language) }) : t('fileInput.none'))}
        </Text>
        {onClear && chosen && (
          <Button
            variant="subtle"
            size="compact-sm"
            c="red.9"
            onClick={() => {
              onClear();
              document.getElementById(`${id}-button`)?.focus();
            }}
          >
            {t('fileInput.clear')}
          </Button>
        )}
        {after}
      </Group>
    </Input.Wrapper>
  );
}
