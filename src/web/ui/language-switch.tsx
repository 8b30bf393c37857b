import { Button, Group, VisuallyHidden } from '@mantine/core';

export interface LanguageOption {
  value: string;
  /** Visible short label, e.g. "VI". */
  short: string;
  /** Full name in its own language, e.g. "Tiếng Việt". */
  name: string;
}

/** Toggle buttons (aria-pressed); each button's name starts with its visible label. */
export function LanguageSwitch({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: LanguageOption[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Group role="group" aria-label={label} gap={4} wrap="nowrap">
      {options.map((option) => (
        <Button
          key={option.value}
          size="compact-sm"
          variant={option.value === value ? 'white' : 'outline'}
          color={option.value === value ? 'dark' : 'gray.0'}
          aria-pressed={option.value === value}
          lang={option.value}
          onClick={() => onChange(option.value)}
        >
          {option.short}
          <VisuallyHidden> – {option.name}</VisuallyHidden>
        </Button>
      ))}
    </Group>
  );
}
