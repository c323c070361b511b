import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './toolchain.js';

// Issue 16: the "valid only after the update path works" rule and the Range rules are stated in
// each template's README, in the same words (the section is shared), with what they mean there.
const TEMPLATES = ['esp-idf', 'android', 'arduino-esp8266'];
const section = (name: string) => {
  const text = readFileSync(join(REPO, 'templates', name, 'README.md'), 'utf8');
  const at = text.indexOf('## The two update-path rules (all templates)');
  return at < 0 ? '' : text.slice(at).split(/\n## /)[0]!;
};

describe('template READMEs: the two update-path rules', () => {
  it.each(TEMPLATES)('%s states both rules, points at the vectors and says what they mean there', (name) => {
    const s = section(name);
    expect(s).toContain('**Valid only after the update path works.**');
    expect(s).toContain('it has itself fetched and verified the channel manifest');
    expect(s).toContain('**Range: only bytes that continue the file.**');
    expect(s).toContain('never\n   appended to kept bytes');
    expect(s).toMatch(/`boot\.json`, `resume\.json`/);
    expect(s).toMatch(/\nHere: /);
  });

  it('the rules are worded the same in every template', () => {
    const rules = TEMPLATES.map((name) => section(name).split('\nHere: ')[0]);
    expect(new Set(rules).size).toBe(1);
  });
});
