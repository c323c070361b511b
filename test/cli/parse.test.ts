/**
 * Every command's flags, as a table: the words after `otactl`, and the typed options the command
 * receives (or the usage error it refuses them with). In process, through commander and the
 * definition's parse; nothing runs.
 */
import { describe, expect, it } from 'vitest';
import type { CommandEntry } from '../../src/cli/command-def.js';
import { command as cohort } from '../../src/cli/commands/cohort.js';
import { command as inspect } from '../../src/cli/commands/inspect.js';
import { parseLine } from '../helpers/parse-line.js';

type Row = [words: string[], expected: Record<string, unknown> | { code: string; match?: RegExp }];

const tables: Array<[CommandEntry, Row[]]> = [
  [
    inspect,
    [
      [['inspect', 'a.apk'], { file: 'a.apk', trustedKeyDigests: [], trustedKeys: [] }],
      [['inspect', 'fw.bin', '--kind', 'esp', '--trusted-key-digest', 'aa,bb', '--trusted-key-digest', 'cc'], { file: 'fw.bin', kind: 'esp', trustedKeyDigests: ['aa', 'bb', 'cc'], trustedKeys: [] }],
      [['inspect', 'fw.bin', '--trusted-key', 'a.pem', '--trusted-key', 'b.pem'], { file: 'fw.bin', trustedKeyDigests: [], trustedKeys: ['a.pem', 'b.pem'] }],
      [['inspect', 'x', '--kind', 'zip'], { code: 'E_KIND', match: /unknown artifact kind "zip"/ }],
      [['inspect'], { code: 'E_USAGE', match: /missing required argument 'file'/ }],
    ],
  ],
  [
    cohort,
    [
      [['cohort', '--salt', '9f86d081884c7d65', '--device', 'A1'], { salt: '9f86d081884c7d65', device: 'A1', percent: null }],
      [['cohort', '--salt', '9f86d081884c7d65', '--device', ' a b ', '--percent', '12.5'], { salt: '9f86d081884c7d65', device: ' a b ', percent: 12.5 }],
      [['cohort', '--salt', 'has space', '--device', 'A1'], { code: 'E_USAGE', match: /--salt: salt is 1..64 printable/ }],
      [['cohort', '--salt', '9f86d081884c7d65', '--device', 'A1', '--percent', '100.001'], { code: 'E_USAGE', match: /--percent/ }],
      [['cohort', '--device', 'A1'], { code: 'E_USAGE', match: /--salt/ }],
    ],
  ],
];

for (const [entry, rows] of tables) {
  describe(`otactl ${entry.name}: flags to options`, () => {
    for (const [words, expected] of rows) {
      it(words.join(' '), async () => {
        const r = await parseLine(entry, words);
        if ('code' in expected) {
          expect(r).toMatchObject({ code: expected.code });
          const { match } = expected as { match?: RegExp };
          if (match) expect((r as { error: string }).error).toMatch(match);
        } else {
          expect('opts' in r ? r.opts : r).toEqual(expected);
        }
      });
    }
  });
}
