import { defineErrors } from '#platform/errors.ts';

export const IdentityErrors = defineErrors({
  INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
    en: 'Wrong username or password',
  },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy người dùng', en: 'User not found' },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã tồn tại', en: 'This username is already taken' },
  UNKNOWN_AGENCY: { status: 400, vi: 'Cơ quan không tồn tại', en: 'Unknown agency' },
});
