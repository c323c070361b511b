/** Identifier rules, shared by the zod schemas and the flag parsers (which must not load zod). */
export const APP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const CHANNEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const APP_ID_RULE = 'app ids use letters, digits, ".", "_" and "-" (max 128)';
export const SALT = /^[\x21-\x7e]{1,64}$/;
export const SALT_RULE = 'salt is 1..64 printable ASCII characters, no spaces';
export const CHANNEL_RULE = 'channel names use lowercase letters, digits, ".", "_" and "-" (max 64)';
