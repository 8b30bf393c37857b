import { Checkbox, NativeSelect, Radio, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { activeFields, type FieldValues, type FormField } from './form-schema.ts';
import { DayInput } from '../../ui/day-input.tsx';

export const fieldId = (name: string) => `truong-${name}`;

/** The label of an enum value: the schema's own label, else a known word, else the value. */
export function optionLabel(t: (key: string, options?: Record<string, unknown>) => string, option: { value: string; label?: string }) {
  return option.label ?? t(`citizen.enumValues.${option.value}`, { defaultValue: option.value });
}

/** The procedure's own fields, generated from its `formSchema`; errors come from the caller. */
export function SchemaForm({
  schema,
  values,
  errors,
  onChange,
}: {
  schema: Record<string, unknown>;
  values: FieldValues;
  errors: Record<string, string | undefined>;
  onChange: (name: string, value: string | boolean) => void;
}) {
  const { t } = useTranslation();
  const { visible, required } = activeFields(schema, values);

  const input = (field: FormField) => {
    const common = {
      id: fieldId(field.name),
      label: field.title,
      description: field.description,
      required: required.has(field.name),
      error: errors[field.name],
    };
    const text = typeof values[field.name] === 'string' ? (values[field.name] as string) : '';
    switch (field.kind) {
      case 'boolean':
        return (
          <Checkbox
            key={field.name}
            {...common}
            checked={values[field.name] === true}
            onChange={(event) => onChange(field.name, event.currentTarget.checked)}
          />
        );
      case 'enum':
        if ((field.options?.length ?? 0) <= 4) {
          return (
            <Radio.Group
              key={field.name}
              id={fieldId(field.name)}
              label={field.title}
              description={field.description}
              withAsterisk={common.required}
              error={common.error}
              value={text}
              onChange={(value) => onChange(field.name, value)}
            >
              <Stack gap={6} mt={6}>
                {field.options?.map((o) => (
                  <Radio key={o.value} value={o.value} label={optionLabel(t, o)} />
                ))}
              </Stack>
            </Radio.Group>
          );
        }
        return (
          <NativeSelect
            key={field.name}
            {...common}
            value={text}
            onChange={(event) => onChange(field.name, event.currentTarget.value)}
            data={[{ value: '', label: t('citizen.submit.choose') }, ...(field.options ?? []).map((o) => ({ value: o.value, label: optionLabel(t, o) }))]}
          />
        );
      case 'date':
        return (
          <DayInput key={field.name} {...common} value={text} onChange={(day) => onChange(field.name, day)} />
        );
      case 'number':
      case 'integer':
        return (
          <TextInput
            key={field.name}
            {...common}
            inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
            value={text}
            onChange={(event) => onChange(field.name, event.currentTarget.value)}
          />
        );
      default:
        return (
          <TextInput
            key={field.name}
            {...common}
            maxLength={field.maxLength}
            value={text}
            onChange={(event) => onChange(field.name, event.currentTarget.value)}
          />
        );
    }
  };

  return <Stack gap="md">{visible.map(input)}</Stack>;
}
