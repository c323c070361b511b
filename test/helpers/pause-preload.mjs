// Test-only preload (node --import): parks the process right before the first file-system call
// OTACTL_TEST_PAUSE_AT names, e.g. `rename:manifest.json` (the call, then a substring of its
// arguments). It prints "pause-preload: paused" on stderr and waits without blocking the event
// loop, so a test can send a signal at exactly that point instead of guessing with timers.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [call, needle = ''] = (process.env.OTACTL_TEST_PAUSE_AT ?? '').split(/:(.*)/s);
const p = fs.promises;
const original = p[call];
let paused = false;
if (original) {
  p[call] = function (...args) {
    if (!paused && args.map(String).join(' ').includes(needle)) {
      paused = true;
      fs.writeSync(2, `pause-preload: paused before ${call}(${args.map(String).join(', ')})\n`);
      return new Promise((resolve) => setTimeout(resolve, 120_000)).then(() => original.apply(this, args));
    }
    return original.apply(this, args);
  };
  syncBuiltinESMExports();
}

// OTACTL_TEST_BLOCK_FIFO=PATH: also open that FIFO (no writer) for reading at start-up, which
// parks one libuv worker thread in open() for good, as a FIFO given as a file used to. A signal
// must still end the process (process.exit() would wait for that thread for ever).
if (process.env.OTACTL_TEST_BLOCK_FIFO) fs.readFile(process.env.OTACTL_TEST_BLOCK_FIFO, () => undefined);
