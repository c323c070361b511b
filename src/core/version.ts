/**
 * Firmware has a version string, devices compare a number. Without --version-code, otactl derives
 * it from a dotted version: [v]MAJOR.MINOR.PATCH (each 0..999, optional -suffix ignored) ->
 * MAJOR*1,000,000 + MINOR*1,000 + PATCH. "2.4.1" -> 2004001. Anything else needs --version-code.
 */
export function deriveVersionCode(version: string): number | null {
  const m = /^v?(\d{1,3})\.(\d{1,3})(?:\.(\d{1,3}))?(?:[-+].*)?$/.exec(version.trim());
  if (!m) return null;
  return Number(m[1]) * 1_000_000 + Number(m[2]) * 1_000 + Number(m[3] ?? 0);
}
