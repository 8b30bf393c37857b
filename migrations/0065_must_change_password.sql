-- Đổi mật khẩu bắt buộc / password change required (identity/change-password.ts): set on an
-- account an administrator created or whose password an administrator reset, and on the first
-- administrator of an empty installation (its password was printed once); cleared when the user
-- chooses their own password. While set, a session may only read /api/v1/me, change the password
-- and sign out (http/auth.ts). Existing accounts (demo accounts included) are not flagged.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
