import type { ChangeContext } from '../../src/core/channel.js';

export const CHANGE_NOW = new Date('2026-03-01T12:00:00.000Z');
export const CHANGE_TTL = 7 * 24 * 3600;

/**
 * The context a planned change is made in, for tests: a fixed clock, actor and manifest TTL, and
 * counted salts (5a17000000000001, 5a17000000000002, ...) listed in `salts` as they are drawn;
 * `over` replaces any of them.
 */
export function changeContext(over: Partial<ChangeContext> = {}): ChangeContext & { salts: string[] } {
  const salts: string[] = [];
  let n = 0;
  return {
    now: CHANGE_NOW,
    actor: 'ci@example',
    expiresInSeconds: CHANGE_TTL,
    newSalt: () => {
      const s = `5a17${String(++n).padStart(12, '0')}`;
      salts.push(s);
      return s;
    },
    ...over,
    salts,
  };
}
