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
  SELF_LOCKOUT: {
    status: 409,
    vi: 'Không thể tự khóa tài khoản hoặc tự bỏ quyền quản trị của chính mình',
    en: 'You cannot deactivate your own account or remove your own administrator role',
  },
});

/**
 * Failures of sign-in with the national e-ID. The browser is sent back to the login page with
 * `?eid_error=CODE` (never a 5xx); the web app shows the message of the code.
 */
export const EidErrors = defineErrors({
  EID_NOT_CONFIGURED: {
    status: 404,
    vi: 'Đăng nhập bằng định danh điện tử chưa được cấu hình',
    en: 'Sign-in with the national e-ID is not configured',
  },
  EID_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống định danh điện tử tạm thời không phản hồi, vui lòng thử lại sau',
    en: 'The national e-ID service is not answering; please try again later',
  },
  EID_DENIED: {
    status: 403,
    vi: 'Bạn đã từ chối chia sẻ thông tin định danh',
    en: 'You declined to share your identity',
  },
  EID_STATE_INVALID: {
    status: 400,
    vi: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn, vui lòng đăng nhập lại',
    en: 'The sign-in request is invalid or has expired; please start again',
  },
  EID_REPLAYED: {
    status: 409,
    vi: 'Yêu cầu đăng nhập này đã được sử dụng, vui lòng đăng nhập lại',
    en: 'This sign-in answer was already used; please start again',
  },
  EID_FAILED: {
    status: 400,
    vi: 'Không xác thực được danh tính với hệ thống định danh điện tử',
    en: 'The national e-ID could not confirm your identity',
  },
  EID_NO_IDENTITY_NUMBER: {
    status: 400,
    vi: 'Hệ thống định danh điện tử không cung cấp số định danh cá nhân hợp lệ',
    en: 'The national e-ID did not provide a valid identity number',
  },
  EID_ACCOUNT_INACTIVE: {
    status: 403,
    vi: 'Tài khoản gắn với số định danh này đã bị khóa',
    en: 'The account linked to this identity number is deactivated',
  },
  EID_ACCOUNT_NOT_CITIZEN: {
    status: 403,
    vi: 'Số định danh này gắn với tài khoản cán bộ; vui lòng đăng nhập bằng tài khoản và mật khẩu',
    en: 'This identity number belongs to an officer account; please sign in with username and password',
  },
});
export type EidErrorCode = keyof typeof EidErrors;
