import { expect } from 'vitest';

interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the text exposition format: HELP/TYPE before samples, escaped label values. */
export function parsePrometheus(text: string): { types: Map<string, string>; samples: ParsedSample[] } {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const samples: ParsedSample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge']).toContain(meta[3]);
        expect(types.has(meta[2]!)).toBe(false);
        types.set(meta[2]!, meta[3]!);
      } else helped.add(meta[2]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    expect(types.has(m[1]!) && helped.has(m[1]!)).toBe(true);
    const labels: Record<string, string> = {};
    const rest = m[2]!.replace(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\[\\"n])*)"(,|$)/g, (_all, k: string, v: string) => {
      labels[k] = v.replace(/\\(["\\n])/g, (_e, c: string) => (c === 'n' ? '\n' : c));
      return '';
    });
    expect(rest).toBe('');
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { types, samples };
}
