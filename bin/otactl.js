#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` through `prepare`).
import * as nodeModule from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

// V8 compile cache (Node >= 22.1; Node 20 has no module.enableCompileCache and compiles as before):
// the compiled code of dist/ and its dependencies is kept on disk, so a later run skips compiling
// them (issue 20: ~20 ms of every command). Safe: Node checks each entry against the module's
// source text and the Node/V8 version and flags, and compiles afresh when one differs; an
// unwritable or damaged cache only means no cache. The folder is the user's own cache folder
// ($XDG_CACHE_HOME or ~/.cache), not the shared temp folder, where another user could create it
// first and plant code. NODE_COMPILE_CACHE chooses another folder, NODE_DISABLE_COMPILE_CACHE=1 none.
if (typeof nodeModule.enableCompileCache === 'function' && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    const xdg = process.env.XDG_CACHE_HOME;
    nodeModule.enableCompileCache(process.env.NODE_COMPILE_CACHE || join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'otactl', 'node-compile-cache'));
  } catch {
    // No home folder (homedir() throws): run without the cache.
  }
}

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
