/**
 * The rule of every password a person chooses (account creation, đổi mật khẩu): at least this
 * long. Read by the contract (identity.contract.ts) and by the web form that says it beforehand.
 */
export const PASSWORD_MIN_LENGTH = 10;
