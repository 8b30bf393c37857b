import { Alert } from '@mantine/core';
import { ApiError } from '../../ui/http.ts';

/** A failed reporting call: the server's message as the title and, for validation, each field's problem. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const details = error instanceof ApiError && Array.isArray(error.details) ? (error.details as { field: string; message: string }[]) : [];
  return (
    <Alert color="red.9" role="alert" title={error instanceof ApiError ? error.message : String(error)}>
      {details.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {details.map((d) => (
            <li key={d.field + d.message}>{d.message}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
