// Test-only preload (node --import): SIGKILLs the process right before its Nth file-system
// mutation, so crash-safety is tested with a real dead process, not a mocked exception.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const crashAt = Number(process.env.OTACTL_TEST_CRASH_AT);
let count = 0;
const p = fs.promises;

function guard(name, isMutation) {
  const original = p[name];
  p[name] = function (...args) {
    if (isMutation(args) && ++count === crashAt) {
      fs.writeSync(2, `crash-preload: killed before ${name} #${count} (${String(args[0])})\n`);
      process.kill(process.pid, 'SIGKILL');
    }
    return original.apply(this, args);
  };
}

const writes = (flag) => typeof flag === 'string' && /[wa+]/.test(flag);
guard('writeFile', () => true);
guard('open', (args) => writes(args[1]));
guard('link', () => true);
guard('rename', () => true);
guard('unlink', () => true);
guard('mkdir', () => true);
syncBuiltinESMExports();
