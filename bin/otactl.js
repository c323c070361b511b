#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through `prepare`).
import('../dist/cli/main.js').then((m) => m.main(process.argv)).then((code) => {
  process.exitCode = code;
}).catch((err) => {
  process.stderr.write(`otactl: cannot start: ${err && err.message ? err.message : err}\n` +
    'Run `npm install` (it builds dist/) and try again.\n');
  process.exitCode = 1;
});
