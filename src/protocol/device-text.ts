/**
 * Strings a device cannot read the way the other clients do. The C client refuses a `\u0000`
 * escape (a C string cannot hold it) and a lone surrogate escape (no UTF-8 form) anywhere in a
 * device-facing document (templates/esp-idf README, "Hostile input"), where JSON.parse takes both.
 * otactl therefore never signs one into a manifest: a library caller's canary tag or model, or an
 * APK's UTF-16 versionName, could otherwise publish a manifest the TypeScript SDK reads and every
 * ESP device refuses.
 */

const UNREADABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path (`build.version_name`, `canary.tags.0`) of the first member name or string value a device cannot read; null when there is none. */
export function deviceUnreadableText(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return UNREADABLE.test(value) ? path.join('.') || '(top level)' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [name, member] of Object.entries(value)) {
    const at = [...path, name];
    if (UNREADABLE.test(name)) return at.join('.');
    const found = deviceUnreadableText(member, at);
    if (found !== null) return found;
  }
  return null;
}
