/** Seconds of a duration written as a number and one unit (14d, 36h, 90m, 30s); undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}
