/**
 * Runs a command definition: parses its line into typed options, runs it with its context, and
 * turns every failure into one line and an exit code. Shared by the commander program and the
 * start-up fast path, so both report errors alike.
 */
import { ExitCode, InterruptedError, OtaError, TerminatedError } from '../errors.js';
import { pointerWrites, removeHeldFilesSync } from '../util/in-flight.js';
import { redactText, registerEnvSecrets, secretsMark } from '../util/redact.js';
import type { CommandDef, ParsedLine } from './command-def.js';
import { CliContext, type GlobalOptions } from './context.js';
import { IO } from './io.js';

/**
 * What a run reads and writes besides its arguments. A real process passes its own (bin/otactl.js
 * through main); the in-process test runner passes strings, a fixed clock and a folder, and no
 * signal handlers. Nothing under src/cli reads process.env, process.cwd() or the process streams
 * for a run, nor sets process.exitCode: the exit code is returned.
 */
export interface CliSeams {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  now?: () => Date;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
  /** SIGINT/SIGTERM end the run with 130/143: a real process only (the default). */
  signals?: boolean;
  /**
   * What SIGTERM is to a command that owns the signals (serve), for a run without signals: aborting
   * it stops serve as SIGTERM does (exit 0). Other commands do not listen.
   */
  signal?: AbortSignal;
}

/** Runs one command; resolves to its exit code. */
export async function runAction(def: CommandDef<any>, line: ParsedLine, globals: GlobalOptions, seams: CliSeams = {}): Promise<number> {
  runStarted();
  try {
    return await runWith(def, line, globals, seams);
  } finally {
    runEnded();
  }
}

async function runWith(def: CommandDef<any>, line: ParsedLine, globals: GlobalOptions, seams: CliSeams): Promise<number> {
  const env = seams.env ?? process.env;
  // Secrets given through the environment (AWS keys, PEM keys, HMAC key, webhook/MQTT URLs) are masked in all output.
  registerEnvSecrets(env);
  const streams = { ...(seams.stdout ? { stdout: seams.stdout } : {}), ...(seams.stderr ? { stderr: seams.stderr } : {}), ...(seams.stdin ? { stdin: seams.stdin } : {}) };
  const io = await new IO({ json: globals.json, color: globals.color, quiet: globals.quiet, env, ...streams }).init();
  const ctx = new CliContext(io, globals, env, seams.cwd ?? process.cwd(), seams.now ?? (() => new Date()));
  if (seams.signals !== false) installSignalHandlers(io);
  seams.signal?.addEventListener('abort', stopOwner, { once: true });
  try {
    if (seams.signal?.aborted) stopOwner();
    await def.run(ctx, def.parse(line));
    return ctx.exitCode;
  } catch (err) {
    return report(io, seams.stderr ?? process.stderr, err, globals.debug);
  } finally {
    seams.signal?.removeEventListener('abort', stopOwner);
  }
}

/**
 * What runs register (their secrets, a command owning the signals) ends with them: a process may
 * run more than one, at once too (the in-process tests), so it is forgotten when the last ends.
 */
let running = 0;
let forgetSecrets: (() => void) | null = null;

function runStarted(): void {
  if (running++ === 0) forgetSecrets = secretsMark();
}

function runEnded(): void {
  if (--running > 0) return;
  forgetSecrets?.();
  forgetSecrets = null;
  signalOwner = null;
  stopAsked = false;
}

function report(io: IO, stderr: NodeJS.WritableStream, err: unknown, debug: boolean): number {
  if (err instanceof OtaError) {
    io.error(err);
    if (debug && err.stack) stderr.write(`${redactText(err.stack)}\n`);
    return err.exitCode;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.error(new OtaError('E_INTERNAL', `internal error: ${e.message}${debug ? '' : ' (run with --debug for the stack trace)'}`));
  if (debug && e.stack) stderr.write(`${redactText(e.stack)}\n`);
  return ExitCode.internal;
}

/** A command that owns Ctrl-C (serve: it means "stop serving") replaces the default handling. */
let signalOwner: ((signal: NodeJS.Signals) => void) | null = null;
/** The run's abort signal fired (CliSeams.signal): an owner that registers later stops at once. */
let stopAsked = false;

export function takeOverSignals(handler: (signal: NodeJS.Signals) => void): void {
  signalOwner = handler;
  if (stopAsked) handler('SIGTERM');
}

function stopOwner(): void {
  stopAsked = true;
  signalOwner?.('SIGTERM');
}

/**
 * SIGINT/SIGTERM during a command: remove this process's temp and lock files, say what state the
 * channel is in, exit 130/143. A store write is crash-safe at every point (the crash tests), so
 * stopping between two awaits leaves the old or the new state, never a broken one.
 */
function installSignalHandlers(io: IO): void {
  let owned = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // A command owning the signal (serve) gets the first; a second one ends the process whatever it is doing.
    if (signalOwner && owned++ === 0) return signalOwner(signal);
    if (signalOwner) return endBySignal(signal);
    removeHeldFilesSync();
    const err = signal === 'SIGTERM' ? new TerminatedError(interruptOutcome('terminated'), { signal }) : new InterruptedError(interruptOutcome('interrupted'), { signal });
    io.error(err);
    endBySignal(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Ends the process by the signal itself, with its default action restored: the shell sees 130 or
 * 143 (128 + the signal), as the catalogue says. Not process.exit(): it joins libuv's worker
 * threads, so a thread stuck in a blocking call (open() of a FIFO, a slow DNS lookup) would keep
 * the process alive after it printed "terminated". stderr and stdout are synchronous for files,
 * pipes and terminals on POSIX, so the error line is out before the signal lands.
 */
export function endBySignal(signal: NodeJS.Signals): void {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
}

function interruptOutcome(what: string): string {
  const { replaced, underway } = pointerWrites();
  if (underway.length > 0) return `${what} while publishing ${underway.join(', ')}: it may or may not have changed (otactl status shows which)`;
  if (replaced.length > 0) return `${what} after publishing ${replaced.join(', ')}: that change is live`;
  return `${what}; no channel was changed`;
}
