/**
 * Entra sign-in error codes that matter when reading legacy-authentication
 * traffic (AADSTS codes; "Microsoft Entra authentication and authorization error
 * codes" on Microsoft Learn).
 *
 * `credentialFailure`: a failed guess at the password or the account (counts
 *   toward password-spray and brute-force detection).
 * `passwordAccepted`: the first factor (the password) was right and something
 *   later stopped the sign-in (Conditional Access is evaluated after first-factor
 *   authentication; MFA, expiry). From an attacker's address that means the
 *   password is known.
 * `interrupt`: the sign-in stopped for a prompt the user answers (MFA, "keep me signed
 *   in", registration): Entra's "Interrupted" status, part of normal sign-ins, so these are
 *   counted apart and never as failures (a password was not rejected). Several still say
 *   the password was right (`passwordAccepted`): from an attacking address, it is known.
 */

export interface ErrorCodeInfo {
  meaning: string;
  advice?: string;
  credentialFailure: boolean;
  passwordAccepted: boolean;
  /** An interruption (Entra status "Interrupted"), not a failure. */
  interrupt: boolean;
}

const T = (meaning: string, credentialFailure: boolean, passwordAccepted: boolean, advice?: string, interrupt = false): ErrorCodeInfo => ({
  meaning,
  credentialFailure,
  passwordAccepted,
  interrupt,
  ...(advice ? { advice } : {}),
});
/** An interruption (see `interrupt` above). */
const I = (meaning: string, passwordAccepted: boolean, advice?: string): ErrorCodeInfo => T(meaning, false, passwordAccepted, advice, true);

export const ERROR_CODES: Readonly<Record<number, ErrorCodeInfo>> = {
  0: T('Success.', false, true),
  50034: T('The user account does not exist in the directory.', true, false, 'Many of these from one address is username enumeration.'),
  50053: T('Account locked (Smart Lockout, too many wrong passwords) or sign-in from a known malicious IP address.', true, false, 'Repeated lockouts point to password guessing against the account.'),
  50055: T('The password has expired (it was correct).', false, true),
  50056: T('Invalid or empty password.', true, false),
  50057: T('The user account is disabled.', true, false, 'Attempts against disabled accounts are usually scripted guessing.'),
  50064: T('Credential validation failed.', true, false),
  50072: I('The user must register for multifactor authentication (the password was correct).', true),
  50074: I('Strong authentication (MFA) is required: an interruption, part of a normal MFA sign-in.', true),
  50076: I('MFA is required by policy or a new location (the password was correct).', true, 'From an address flagged for spraying, the attacker has the password: reset it.'),
  50079: I('The user must enrol for MFA (the password was correct).', true, 'An account that can still enrol MFA can be taken over by whoever has the password.'),
  50097: I('Device authentication is required.', true),
  50125: I('Sign-in interrupted by a password reset or registration entry.', false),
  50126: T('Invalid username or password.', true, false, 'The usual result of password spraying and brute force.'),
  50140: I('"Keep me signed in" interruption.', false),
  50158: I('An external security challenge was not satisfied (the password was correct).', true),
  53000: T('Conditional Access: the device is not compliant (the password was correct).', false, true),
  53001: T('Conditional Access: the device is not domain-joined (the password was correct).', false, true),
  53002: T('Conditional Access: the application is not approved (the password was correct).', false, true),
  53003: T('Blocked by Conditional Access (evaluated after the password was accepted).', false, true, 'A block-legacy-authentication policy shows up here; from an attacker address it means the password is known.'),
  53004: T('The user must complete MFA registration, which Conditional Access blocked (the password was correct).', false, true),
  500121: T('Multifactor authentication failed or was denied (the password was correct).', false, true, 'From an unknown address this is often an MFA-fatigue attempt: reset the password.'),
};

export function errorCodeInfo(code: number): ErrorCodeInfo | undefined {
  return ERROR_CODES[code];
}

/** The error codes of each class, for renderings that list them (the KQL detections). */
export function errorCodesWhere(test: (info: ErrorCodeInfo) => boolean): number[] {
  return Object.entries(ERROR_CODES)
    .filter(([code, info]) => Number(code) !== 0 && test(info))
    .map(([code]) => Number(code))
    .sort((a, b) => a - b);
}
