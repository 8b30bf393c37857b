import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AdminError, errorDetails, fieldProblem } from '../src/web/modules/admin/admin-errors.tsx';
import { ApiError } from '../src/web/ui/http.ts';

/** The admin screens' reading of a failure: which field it is about (users-admin.tsx shows it under that field). */

const TAKEN = 'Địa chỉ e-mail này đã được dùng cho một tài khoản khác';
const html = (error: Error) => renderToString(createElement(MantineProvider, null, createElement(AdminError, { error, labels: { email: 'E-mail' } }))).replaceAll('<!-- -->', '');

describe('errorDetails, fieldProblem, AdminError', () => {
  it('puts an address another account holds (409 EMAIL_TAKEN) under the E-mail field, said once', () => {
    const taken = new ApiError(409, 'EMAIL_TAKEN', TAKEN);
    expect(fieldProblem(taken, 'email')).toBe(TAKEN);
    expect(fieldProblem(taken, 'phone')).toBeUndefined();
    expect(errorDetails(taken)).toEqual([{ field: 'body.email', message: TAKEN }]);
    const alert = html(taken);
    expect(alert.split(TAKEN)).toHaveLength(2); // the message, not again as "E-mail: …"
    expect(alert).not.toContain('E-mail:');
  });

  it('keeps a validation failure’s own fields, and names no field for another refusal', () => {
    const invalid = new ApiError(400, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ', [{ field: 'body.email', message: 'Địa chỉ thư điện tử không hợp lệ' }]);
    expect(fieldProblem(invalid, 'email')).toBe('Địa chỉ thư điện tử không hợp lệ');
    expect(html(invalid)).toContain('E-mail: Địa chỉ thư điện tử không hợp lệ');
    const other = new ApiError(409, 'USERNAME_TAKEN', 'Tên đăng nhập đã tồn tại');
    expect(errorDetails(other)).toEqual([]);
    expect(fieldProblem(other, 'email')).toBeUndefined();
  });
});
