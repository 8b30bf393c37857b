import { Alert, List } from '@mantine/core';
import { ApiError } from '../../ui/http.ts';

/** A failed admin call: the message and, for validation, each field's problem. */
export function AdminError({ error }: { error: Error | null }) {
  if (!error) return null;
  const details = error instanceof ApiError && Array.isArray(error.details) ? (error.details as { field: string; message: string }[]) : [];
  return (
    <Alert color="red" role="alert">
      {error.message}
      {details.length > 0 && (
        <List size="sm" mt={4}>
          {details.map((d) => (
            <List.Item key={`${d.field}${d.message}`}>
              {d.field}: {d.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Under a settings form: what went wrong, or what was saved (announced in a status region that is always there). */
export function SaveOutcome({ error, saved }: { error: Error | null; saved: string | null | undefined }) {
  return (
    <>
      <AdminError error={error} />
      <div role="status">
        {saved && (
          <Alert color="green" variant="light">
            {saved}
          </Alert>
        )}
      </div>
    </>
  );
}
