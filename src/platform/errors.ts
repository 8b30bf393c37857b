/**
 * One error vocabulary. Each module declares its failures with `defineErrors`, giving each a
 * stable code, the HTTP status and one Vietnamese and one English message. Every declared code
 * lands in `errorTable`, the single code → HTTP status table the HTTP layer reads.
 */
export type Locale = 'vi' | 'en';

export interface ErrorSpec {
  status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 423 | 429 | 500 | 503;
  vi: string;
  en: string;
}

const errorTable = new Map<string, ErrorSpec>();

export class AppError extends Error {
  constructor(
    readonly code: string,
    /** Extra fields returned in the error body (e.g. `status`, `allowedActions`, `details`). */
    readonly extra: Record<string, unknown> = {},
    /** Values substituted for {name} placeholders in the message. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }

  get spec(): ErrorSpec {
    return errorTable.get(this.code) ?? errorTable.get('INTERNAL')!;
  }

  message_(locale: Locale): string {
    return this.spec[locale].replace(/\{(\w+)\}/g, (_, k: string) => String(this.params[k] ?? `{${k}}`));
  }
}

type ErrorFactory = (extra?: Record<string, unknown>, params?: Record<string, string | number>) => AppError;

export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: ErrorFactory } {
  const factories = {} as { [K in keyof T]: ErrorFactory };
  for (const [code, spec] of Object.entries(specs)) {
    const existing = errorTable.get(code);
    if (existing && (existing.status !== spec.status || existing.vi !== spec.vi)) {
      throw new Error(`error code ${code} declared twice with different meanings`);
    }
    errorTable.set(code, spec);
    factories[code as keyof T] = (extra, params) => new AppError(code, extra, params);
  }
  return factories;
}

/** The platform's own failures, shared by every module. */
export const CommonErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập', en: 'Authentication required' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đường dẫn', en: 'No such route' },
  ACTION_NOT_ALLOWED: {
    status: 409,
    vi: 'Thao tác không được phép ở trạng thái hiện tại',
    en: 'This action is not allowed in the current state',
  },
  CONFLICT: { status: 409, vi: 'Dữ liệu đã bị thay đổi, vui lòng thử lại', en: 'Conflicting change, please retry' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác',
    en: 'This Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    vi: 'Yêu cầu với khóa này đang được xử lý',
    en: 'A request with this key is still being processed',
  },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Định dạng không được hỗ trợ', en: 'Unsupported media type' },
  RATE_LIMITED: { status: 429, vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests, try again later' },
  CSRF_REJECTED: { status: 403, vi: 'Yêu cầu bị từ chối (CSRF)', en: 'Request rejected (cross-site)' },
  INTERNAL: { status: 500, vi: 'Đã xảy ra lỗi hệ thống', en: 'Internal error' },
  UNAVAILABLE: { status: 503, vi: 'Dịch vụ tạm thời không sẵn sàng', en: 'Service temporarily unavailable' },
});

/** A field-level validation failure, in the shape of the 400 body's `details`. */
export function validationFailed(details: { field: string; message: string }[]): AppError {
  return CommonErrors.VALIDATION_FAILED({ details });
}
