import { Alert, List } from '@mantine/core';
import { ApiError } from '../../ui/http.ts';

/**
 * A failed admin call: the message and, for validation, each field's problem, named by the
 * form's label of the field (`labels`, by the request's field: `body.password` → "Mật khẩu")
 * rather than the request's path; a field without a label (a pasted JSON's path) keeps its path.
 */
export function AdminError({ error, labels = {} }: { error: Error | null; labels?: Record<string, string> }) {
  if (!error) return null;
  // a refusal of one field says its message once, not again in the list
  const details = errorDetails(error).filter((d) => d.message !== error.message);
  return (
    <Alert color="red" role="alert">
      {error.message}
      {details.length > 0 && (
        <List size="sm" mt={4}>
          {details.map((d) => (
            <List.Item key={`${d.field}${d.message}`}>
              {fieldName(d.field, labels)}: {d.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** Refusals that are about one field of the body, though not a validation failure (the server's message is that field's problem). */
const fieldOfCode: Readonly<Record<string, string>> = { EMAIL_TAKEN: 'email' };

/** A validation failure's problems, one per field of the request; a refusal of one field (`fieldOfCode`), that field's; none for any other error. */
export function errorDetails(error: Error | null): { field: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  if (Array.isArray(error.details)) return error.details as { field: string; message: string }[];
  const field = fieldOfCode[error.code];
  return field ? [{ field: `body.${field}`, message: error.message }] : [];
}

/** The server's problem with one field of the body (`body.email` → its message), to show under that field. */
export function fieldProblem(error: Error | null, field: string): string | undefined {
  return errorDetails(error).find((d) => d.field === `body.${field}`)?.message;
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

/** `body.grants.0.agencyCode` → the label of `grants` when the form has one, else `grants.0.agencyCode`. */
export function fieldName(field: string, labels: Record<string, string>): string {
  const path = field.replace(/^(body|query|params)\./, '');
  return labels[path.split('.')[0]] ?? path;
}
