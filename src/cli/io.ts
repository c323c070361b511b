import { isatty } from 'node:tty';
import { InterruptedError, type OtaError } from '../errors.js';
import { cliError, cliErrorObject, cliResult, cliText, type SettingSources } from './flag-names.js';
import { redactDeep, redactResultText, redactText } from '../util/redact.js';
import { terminalLines, terminalSafe } from './render.js';
import { createInterface } from 'node:readline/promises';

/**
 * The one owner of the terminal. Data goes to stdout, status and progress to stderr. With --json,
 * stdout carries exactly one JSON document; colour and spinners appear only on a TTY, never with
 * --json or NO_COLOR. chalk and ora are imported only when they will be used (start-up time).
 * Human text passes through terminalSafe: control characters from a store or an artifact are
 * shown escaped, never sent to the terminal (renderers escape fields that could hold a newline).
 * Everything written is redacted (src/util/redact.ts): errors, warnings and status lines fully,
 * results by registered secret and URL userinfo (their query strings are data).
 */
export interface IoOptions {
  json: boolean;
  color?: boolean;
  quiet?: boolean;
  stdout?: NodeJS.WriteStream | NodeJS.WritableStream;
  stderr?: NodeJS.WriteStream | NodeJS.WritableStream;
  stdin?: NodeJS.ReadStream | NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
}

type Paint = (s: string) => string;
export interface Palette {
  bold: Paint;
  dim: Paint;
  green: Paint;
  yellow: Paint;
  red: Paint;
  cyan: Paint;
}
const plain: Palette = { bold: (s) => s, dim: (s) => s, green: (s) => s, yellow: (s) => s, red: (s) => s, cyan: (s) => s };

export interface Spinner {
  update(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
  /** Clears the spinner line without a status line. */
  stop(): void;
}

export class IO {
  readonly json: boolean;
  /** Where each setting came from, once resolved: library text names them so (flag-names.ts). */
  sources: SettingSources | undefined = undefined;
  readonly interactive: boolean;
  readonly quiet: boolean;
  private readonly fancy: boolean;
  private readonly errTty: boolean;
  paint: Palette = plain;
  /** Colours for stdout: only when stdout itself is a terminal (never with --json, NO_COLOR, TERM=dumb or color off). */
  outPaint: Palette = plain;
  private readonly outFancy: boolean;

  constructor(private readonly opts: IoOptions) {
    const env = opts.env ?? process.env;
    this.json = opts.json;
    this.quiet = opts.quiet ?? false;
    const errTty = opts.stderr ? (opts.stderr as NodeJS.WriteStream).isTTY === true : isatty(2);
    const inTty = opts.stdin ? (opts.stdin as NodeJS.ReadStream).isTTY === true : isatty(0);
    // --json implies non-interactive, as does CI or a missing TTY.
    this.interactive = !opts.json && inTty && errTty && !isCi(env);
    this.errTty = errTty;
    this.fancy = !opts.json && errTty && opts.color !== false && !('NO_COLOR' in env) && env.TERM !== 'dumb';
    const outTty = opts.stdout ? (opts.stdout as NodeJS.WriteStream).isTTY === true : isatty(1);
    this.outFancy = !opts.json && outTty && opts.color !== false && !('NO_COLOR' in env) && env.TERM !== 'dumb';
  }

  // process.stdin/stdout/stderr are built on first access (a pipe's stream costs milliseconds at
  // start-up), so they are looked up only when used; isatty() above needs no stream.
  private get stdout(): NodeJS.WritableStream {
    return this.opts.stdout ?? process.stdout;
  }

  private get stderr(): NodeJS.WritableStream {
    return this.opts.stderr ?? process.stderr;
  }

  private get stdin(): NodeJS.ReadableStream {
    return this.opts.stdin ?? process.stdin;
  }

  /** Loads colours when they will be shown. */
  async init(): Promise<this> {
    if (this.fancy || this.outFancy) {
      // lazy: colours only for a terminal; --json and piped runs never load chalk
      const { Chalk } = await import('chalk');
      const c = new Chalk({ level: 1 });
      const palette = { bold: c.bold, dim: c.dim, green: c.green, yellow: c.yellow, red: c.red, cyan: c.cyan };
      if (this.fancy) this.paint = palette;
      if (this.outFancy) this.outPaint = palette;
    }
    return this;
  }

  /** Human data to stdout (suppressed with --json: the result document is the data). */
  print(text: string): void {
    if (!this.json) this.stdout.write(`${terminalLines(redactResultText(text.replace(/\n$/, '')))}\n`);
  }

  /** Status to stderr; a function is called only when the line is shown (text that costs work to build). */
  info(text: string | (() => string)): void {
    if (!this.quiet && !this.json) this.stderr.write(`${terminalLines(redactText(typeof text === 'function' ? text() : text))}\n`);
  }

  warn(text: string): void {
    // Warnings reach stderr even with --json; the JSON result repeats them in `warnings`.
    this.stderr.write(`${this.paint.yellow('warning:')} ${terminalSafe(redactText(cliText(text, this.sources)))}\n`);
  }

  /** The command's result: one JSON document with --json, else the human rendering. */
  result(value: unknown, human: () => string): void {
    if (this.json) this.stdout.write(`${redactResultText(JSON.stringify(withRedactedNotes(cliResult(value, this.sources)), null, 2))}\n`);
    else {
      const text = redactResultText(human().replace(/\n$/, ''));
      if (text) this.stdout.write(`${terminalLines(text)}\n`);
    }
  }

  /**
   * result() for a renderer that colours: `human` gets the stdout palette (plain unless stdout is
   * a colour terminal) and must make every field it shows terminal-safe itself (terminalSafe),
   * since the text is written as given, escapes of the palette included.
   */
  resultPainted(value: unknown, human: (paint: Palette) => string): void {
    if (this.json || this.outPaint === plain) return this.result(value, () => human(plain));
    const text = redactResultText(human(this.outPaint).replace(/\n$/, ''));
    if (text) this.stdout.write(`${text}\n`);
  }

  /** An error: one line on stderr (its hint under it on a terminal), and with --json the error object on stdout. */
  error(err: OtaError): void {
    if (this.json) {
      this.stdout.write(`${JSON.stringify({ error: cliErrorObject(err, this.sources) }, null, 2)}\n`);
    }
    this.stderr.write(`${this.paint.red('otactl: error:')} ${terminalSafe(redactText(cliError(err, this.sources).message))}\n`);
    if (this.errTty && !this.json) this.stderr.write(`${this.paint.dim(`hint: ${err.hint}`)}\n`);
  }

  async confirm(question: string): Promise<boolean> {
    const rl = createInterface({ input: this.stdin, output: this.stderr });
    try {
      const answer = await rl.question(`${question} [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } catch (err) {
      // Ctrl-C at the prompt: readline (raw mode) reads it as a key and aborts the question.
      if ((err as { code?: string }).code === 'ABORT_ERR') throw new InterruptedError('interrupted; nothing was changed');
      throw err;
    } finally {
      rl.close();
    }
  }

  /**
   * A spinner for a long wait, on a terminal only (never with --json, --quiet or NO_COLOR); else
   * succeed/fail are status lines and the rest does nothing. ora loads only when it will spin.
   */
  async spinner(text: string): Promise<Spinner> {
    if (!this.fancy || this.quiet) {
      return { update: () => undefined, succeed: (t) => this.info(t), fail: (t) => this.info(t), stop: () => undefined };
    }
    // lazy: spinners only for a terminal; --json and piped runs never load ora
    const { default: ora } = await import('ora');
    // IO has decided (TTY, no --json/NO_COLOR): ora's own check reads process.env.CI, not the injected env.
    const s = ora({ text: terminalSafe(redactText(text)), stream: this.stderr as NodeJS.WriteStream, isEnabled: true }).start();
    const safe = (t: string) => terminalSafe(redactText(t));
    return { update: (t) => (s.text = safe(t)), succeed: (t) => s.succeed(safe(t)), fail: (t) => s.fail(safe(t)), stop: () => s.stop() };
  }

  /** Runs `work` under a spinner on a terminal (nothing elsewhere); the spinner clears when it settles. */
  async whileSpinning<T>(text: string, work: Promise<T>): Promise<T> {
    const spinner = await this.spinner(text);
    try {
      return await work;
    } finally {
      spinner.stop();
    }
  }

  /**
   * Progress (bytes of an upload, messages of a nudge): a live line on a terminal only, as the
   * README says; never in a log or a pipe, nor with --json, --quiet or NO_COLOR.
   */
  progress(label: string, amount: (n: number) => string = formatBytes): (sent: number, total: number) => void {
    let lastShown = -1;
    return (sent, total) => {
      if (this.quiet || this.json || !this.fancy || total <= 0) return;
      const pct = Math.floor((sent / total) * 100);
      if (pct === lastShown) return;
      this.stderr.write(`\r${label} ${pct}% (${amount(sent)} / ${amount(total)})${pct === 100 ? '\n' : ''}`);
      lastShown = pct;
    };
  }
}

export function isCi(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.CI && env.CI !== 'false' && env.CI !== '0');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** A result's `errors` and `warnings` are messages: redacted as errors are (the rest is data). */
function withRedactedNotes(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.errors) && !Array.isArray(v.warnings)) return value;
  return { ...v, ...(Array.isArray(v.errors) ? { errors: redactDeep(v.errors) } : {}), ...(Array.isArray(v.warnings) ? { warnings: redactDeep(v.warnings) } : {}) };
}
