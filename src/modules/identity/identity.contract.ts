import { z } from 'zod';
import { ROLES, SYSTEM_ROLES } from '#platform/actor.ts';
import { noBody } from '#platform/contract.ts';
// the contract, not the module's index (as appointments.contract.ts): one rule for a phone number everywhere
import { Phone } from '#modules/dossiers/dossiers.contract.ts';
import { ROLES_WITHOUT_AGENCY } from './grant-rules.ts';
import { PASSWORD_MIN_LENGTH } from './password-rules.ts';

/** Every request and answer of the identity routes (api.md §2): sign-in, /me, user administration. */

export const Role = z.enum([...ROLES, ...SYSTEM_ROLES]);
export const Grant = z.object({
  role: Role,
  agencyCode: z.string().nullable().meta({ description: 'null: mọi nơi / everywhere' }),
  provinceCode: z.string().nullable(),
});
export type Grant = z.infer<typeof Grant>;

/** The signed-in user as login and /me present it; never the password hash. */
export const User = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable().meta({ description: 'từ định danh điện tử / from the e-ID' }),
  address: z.string().nullable(),
  residence: z
    .object({ provinceCode: z.string(), communeCode: z.string(), detail: z.string() })
    .nullable()
    .meta({ description: 'địa chỉ trên bản đồ xã hiện nay / the address placed on today’s communes' }),
  roles: z.array(Role),
  agencies: z.array(z.object({ code: z.string(), name: z.string(), adminUnitCode: z.string() })),
  grants: z.array(Grant),
  hasPassword: z.boolean().meta({ description: 'tài khoản đăng nhập bằng mật khẩu (không chỉ định danh điện tử) / signs in with a password (not only the e-ID)' }),
  mustChangePassword: z.boolean().meta({
    description: 'phải đổi mật khẩu trước khi làm việc khác / must change the password (set by an administrator) before anything else',
  }),
});
export type User = z.infer<typeof User>;

export const LoginBody = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
export const LoginAnswer = z.object({
  token: z.string(),
  user: User,
  /** Where this user starts when no page asked for the sign-in (`/hop` for a member of a collective body, else `/`); the login form sent without the app lands there too. */
  startAt: z.string(),
});
export const LoggedOut = z.object({ ok: z.boolean() });

export const GrantsInput = z
  .array(
    z
      .object({ role: z.enum(ROLES), agencyCode: z.string().max(40).nullable() })
      .refine((g) => g.agencyCode !== null || ROLES_WITHOUT_AGENCY.includes(g.role), {
        path: ['agencyCode'],
        message: 'vai trò này phải gắn với một cơ quan / this role must be granted at an agency',
      }),
  )
  .min(1)
  .max(20);
export const UsersQuery = z.object({ agencyCode: z.string().max(40).optional(), q: z.string().max(100).optional() });
export const AdminGrant = Grant.extend({ agencyName: z.string().nullable().optional() });
export type AdminGrant = z.infer<typeof AdminGrant>;
export const AdminUser = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  idNumber: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  grants: z.array(AdminGrant),
});
export type AdminUser = z.infer<typeof AdminUser>;
export const UserList = z.object({ items: z.array(AdminUser) });
/** Every password a person chooses: account creation and đổi mật khẩu alike. */
export const NewPassword = z.string().min(PASSWORD_MIN_LENGTH).max(200);
/** An account's full name, e-mail and phone: the same rules at creation and when corrected. */
const FullName = z.string().trim().min(2).max(120);
const Email = z.string().trim().pipe(z.email().max(254));
export const CreateUserBody = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,60}$/),
  fullName: FullName,
  password: NewPassword,
  idNumber: z.string().regex(/^\d{12}$/).optional(),
  email: Email.optional(),
  phone: Phone.optional().meta({ description: 'như gõ (+84 912.345.678), lưu 0912345678 / as typed, stored as 0912345678' }),
  grants: GrantsInput,
});
/** Sửa thông tin tài khoản: any of the three (null clears the e-mail or phone); at least one. */
export const UpdateUserBody = z
  .object({ fullName: FullName.optional(), email: Email.nullable().optional(), phone: Phone.nullable().optional() })
  .refine((b) => b.fullName !== undefined || b.email !== undefined || b.phone !== undefined, {
    message: 'cần ít nhất một trường: fullName, email, phone / at least one of fullName, email, phone',
  });
export const UserUpdated = AdminUser.extend({ changed: z.boolean().meta({ description: 'false: đã như vậy, không ghi nhật ký / already so, nothing audited' }) });
export const Created = z.object({ id: z.string() });
export const UserParams = z.object({ id: z.uuid() });
export const GrantsBody = z.object({ grants: GrantsInput });
export const GrantsSet = z.object({ id: z.string(), grants: z.array(Grant), changed: z.boolean() });
export type GrantsSet = z.infer<typeof GrantsSet>;
export const ActiveSet = z.object({ id: z.string(), active: z.boolean(), changed: z.boolean() });

/** Đổi mật khẩu: the current password, and a new one (not the username, not the current one). */
export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: NewPassword });
export const PasswordChanged = z.object({ changed: z.literal(true) });
/** Đặt lại mật khẩu: the temporary password, shown once to the administrator to hand over. */
export const PasswordReset = z.object({
  temporaryPassword: z.string().meta({ description: 'mật khẩu tạm, chỉ hiển thị một lần / temporary password, shown once' }),
});

export const EidStartQuery = z.object({ returnTo: z.string().max(2000).optional() });
/** Both e-ID routes answer with a redirect only (a failure to the login page with its code). */
export const Redirect = noBody('chuyển hướng / redirect (Location)');
