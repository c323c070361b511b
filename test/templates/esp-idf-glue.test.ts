import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ESP, compileC, coreFiles } from './c-build.js';
import { expectAllPassed, missingTool } from './toolchain.js';

// The ESP-IDF glue (templates/esp-idf/esp) on the host: its pure rules (esp/ota_glue_rules.c) run
// under ASan/UBSan through test/glue_rules.c: the agent's sleep in ticks at CONFIG_FREERTOS_HZ 100
// and 1000 (pdMS_TO_TICKS wrapped 6 h to ~125 s at 1000 Hz), the capped manifest read (a body over
// the cap was accepted), the resume bookkeeping (a server that ignores Range) and when a new build is
// confirmed.
const work = mkdtempSync(join(tmpdir(), 'otactl-esp-idf-glue-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const missingGcc = missingTool('gcc', ['--version']);
if (missingGcc) console.warn(`SKIPPING the ESP-IDF glue rules: ${missingGcc}`);

describe('ESP-IDF glue: pure rules on the host', () => {
  it.skipIf(missingGcc !== null)('ticks, the capped read, resume and confirmation give every expected answer', () => {
    const exe = join(work, 'glue_rules');
    compileC(work, { sources: coreFiles('esp/ota_glue_rules.c', 'test/glue_rules.c'), includeDirs: [join(ESP, 'esp')], exe });
    const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, 'sanitizer reports').toBe('');
    expectAllPassed(run, 43);
  });
});
