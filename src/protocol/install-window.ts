import { ValidationError } from '../errors.js';
import { InstallWindow, LocalTime } from './schemas.js';

/**
 * Install windows (manifest `constraints.install_window`): when a device may install, in its own
 * wall-clock time. Pure; the rules every client mirrors (docs/manifest.md §4, test/vectors).
 */

/** What clears a window on the command line and in library requests (`installWindow: 'none'` or null). */
export const NO_INSTALL_WINDOW = 'none';

/** Minutes since local midnight of an `HH:MM` text, or null when it is not one (00:00..23:59). */
export function minuteOfDay(text: string): number | null {
  if (!LocalTime.safeParse(text).success) return null;
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

/** True when `minute` (of the local day) is in [start, end); end before start wraps midnight. */
export function inInstallWindow(w: InstallWindow, minute: number): boolean {
  const start = minuteOfDay(w.start)!;
  const end = minuteOfDay(w.end)!;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

export function formatInstallWindow(w: InstallWindow | undefined | null): string {
  return w ? `${w.start}-${w.end}` : NO_INSTALL_WINDOW;
}

/**
 * Reads `HH:MM-HH:MM` (device-local, may wrap midnight) or `none` (no window). The one validation
 * of a window a caller gives: errors name the library field `installWindow`.
 */
export function parseInstallWindow(text: string): InstallWindow | null {
  const t = text.trim();
  if (t === NO_INSTALL_WINDOW) return null;
  const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(t);
  const parsed = m ? InstallWindow.safeParse({ start: m[1], end: m[2] }) : null;
  if (!parsed?.success) {
    const why = parsed ? parsed.error.issues[0]!.message : 'expected HH:MM-HH:MM (device-local, may wrap midnight) or none';
    throw new ValidationError(`\`installWindow\` "${text}": ${why}`, 'E_INVALID', { field: 'installWindow' });
  }
  return { start: parsed.data.start, end: parsed.data.end };
}

/**
 * The local time of day at `now` in an IANA zone (undefined: the zone of this process), as HH:MM.
 * A zone the runtime does not know is a ValidationError naming `timeZone`.
 */
export function localTimeAt(now: Date, timeZone?: string): string {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute}`;
}

/**
 * One formatter per zone: building an Intl.DateTimeFormat loads the zone's rules (about 0.1 ms),
 * which every device check paid (issue 20: 8 % of the fleet run's CPU). Named zones are few per
 * process; the ambient zone (undefined) is not cached, as it follows TZ (device/updater.ts names it).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  let fmt = timeZone === undefined ? undefined : formatters.get(timeZone);
  if (fmt) return fmt;
  try {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    throw new ValidationError(`\`timeZone\` "${timeZone}" is not a time zone this runtime knows (IANA names such as Europe/Berlin)`, 'E_INVALID', { field: 'timeZone' });
  }
  if (timeZone === undefined) return fmt;
  if (formatters.size >= 64) formatters.clear();
  formatters.set(timeZone, fmt);
  return fmt;
}
