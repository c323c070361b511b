import { describe, expect, it } from 'vitest';
import { collect, optionTable } from '../../src/cli/options.js';

describe('optionTable', () => {
  it('reads flags, description and markers; interpolates values', () => {
    const n = 32;
    expect(optionTable`
      --app <id>         application id  [required]
      -y, --yes          do not ask  [default: false]
      --tag <t>          a tag (repeatable)  [repeatable]
      --notes <text>     notes  [default: ""]
      --by <bucket>      hour or day [x]  [default: day]
      --concurrency <n>  at most ${n} in flight
    `).toEqual([
      { flags: '--app <id>', description: 'application id', required: true },
      { flags: '-y, --yes', description: 'do not ask', default: false },
      { flags: '--tag <t>', description: 'a tag (repeatable)', fold: collect },
      { flags: '--notes <text>', description: 'notes', default: '' },
      { flags: '--by <bucket>', description: 'hour or day [x]', default: 'day' },
      { flags: '--concurrency <n>', description: 'at most 32 in flight' },
    ]);
  });

  it('throws on a line that is not an option (a bug, caught when the module loads)', () => {
    expect(() => optionTable`--app <id> one space only`).toThrow(/not understood: --app <id> one space only/);
    expect(() => optionTable`app <id>  no dashes`).toThrow(/not understood/);
    expect(() => optionTable`--app <id>`).toThrow(/not understood/);
  });
});
