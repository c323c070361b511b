#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through `prepare`).

// A reader that stops early (`otactl rollout --help | head -1`) closes the pipe: that is not an
// error of otactl's, so stop quietly with the exit code so far instead of Node's EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

import('../dist/cli/main.js').then((m) => m.main(process.argv)).then((code) => {
  process.exitCode = code;
}).catch((err) => {
  process.stderr.write(`otactl: cannot start: ${err && err.message ? err.message : err}\n` +
    'Run `npm install` (it builds dist/) and try again.\n');
  process.exitCode = 1;
});
