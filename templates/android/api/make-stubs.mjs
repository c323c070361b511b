#!/usr/bin/env node
// Cuts the Android platform API stubs down to what the agent glue can reach, so CI can compile the
// glue against the real API of one level without an SDK (Debian has no android.jar).
//
//   node templates/android/api/make-stubs.mjs <stubs root> <out dir> <kotlin source>...
//
// <stubs root>: metalava-generated Java stubs of the public API (android/content/Context.java ...,
// every type fully qualified, one member per line), e.g. the `stubs/` folder of
// github.com/kamildoleglo/android-dokka-test at 37dbc30 (API 29; see PROVENANCE.md beside this file).
// Kept: every android.* class the sources name (imports and qualified names), their supertypes, and
// every class a kept member's signature names, each with its constructors and the members whose name
// (or getX/isX/setX form, for Kotlin properties) occurs as an identifier in the sources. Bodies stay
// `throw new RuntimeException("Stub!")`. The output is deterministic (sorted); it is vendored, and
// test/templates/android.test.ts compiles the agent against it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [root, out, ...sources] = process.argv.slice(2);
if (!root || !out || sources.length === 0) {
  console.error('usage: make-stubs.mjs <stubs root> <out dir> <kotlin source>...');
  process.exit(2);
}

// A Markdown source (the README's manifest snippet) contributes only the permissions it names.
const text = sources
  .map((f) => readFileSync(f, 'utf8'))
  .map((t, i) => (sources[i].endsWith('.md') ? [...t.matchAll(/android\.permission\.\w+/g)].map((m) => m[0]).join('\n') : t))
  .join('\n');
const names = new Set();
for (const [id] of text.matchAll(/\b[A-Za-z_]\w*\b/g)) {
  names.add(id);
  const cap = id[0].toUpperCase() + id.slice(1);
  names.add(`get${cap}`).add(`set${cap}`).add(`is${cap}`);
}
// Methods of JDK interfaces a kept class may implement (Closeable, Comparable, Runnable, CharSequence...):
// kept whatever the sources say, or the stub would not compile.
for (const m of ['close', 'compareTo', 'run', 'call', 'iterator', 'length', 'charAt', 'subSequence', 'toString', 'equals', 'hashCode']) names.add(m);
const seeds = new Set([...text.matchAll(/\bandroid(?:\.[a-z]\w*)*(?:\.[A-Z]\w*)+/g)].map((m) => m[0]));

/** A parsed stub file: classes with header, member lines and nested classes. */
const files = new Map();

function parseFile(top) {
  if (files.has(top)) return files.get(top);
  let src;
  try {
    src = readFileSync(join(root, `${top.replaceAll('.', '/')}.java`), 'utf8');
  } catch {
    files.set(top, null);
    return null;
  }
  src = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@[A-Za-z_][\w.]*(\((?:[^()]|\([^()]*\))*\))?/g, '');
  const lines = src.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const pkg = lines.find((l) => l.startsWith('package '));
  const stack = [];
  let rootClass = null;
  for (const line of lines) {
    if (line.startsWith('package ') || line.startsWith('import ')) continue;
    const header = /^(?:[a-z]+\s+)*(?:class|interface|enum)\s+(\w+)/.exec(line);
    if (header && line.endsWith('{') && !line.includes('(')) {
      const node = { name: header[1], header: line, members: [], nested: [], needed: false };
      if (stack.length > 0) stack[stack.length - 1].nested.push(node);
      else rootClass = node;
      stack.push(node);
      continue;
    }
    if (line === '}') {
      stack.pop();
      continue;
    }
    if (stack.length > 0) stack[stack.length - 1].members.push(line);
  }
  const parsed = { pkg, root: rootClass };
  files.set(top, parsed);
  return parsed;
}

/** The class node for a fully qualified name (android.app.Notification.Builder) and its enclosing ones, or null. */
function resolve(fq) {
  const parts = fq.split('.');
  const first = parts.findIndex((p) => /^[A-Z]/.test(p));
  if (first < 0) return null;
  const file = parseFile(parts.slice(0, first + 1).join('.'));
  if (!file?.root) return null;
  let node = file.root;
  const path = [node];
  for (const name of parts.slice(first + 1)) {
    node = node.nested.find((n) => n.name === name);
    if (!node) return null;
    path.push(node);
  }
  return { file, path };
}

function memberName(line, className) {
  const call = /(\w+)\s*\(/.exec(line.replace(/<[^()]*?>/g, ''));
  if (call && !/=/.test(line.slice(0, call.index))) return call[1];
  const field = /(\w+)\s*(=|;)/.exec(line);
  return field ? field[1] : className;
}

const isConstructor = (line, className) => new RegExp(`^(?:(?:public|protected|private)\\s+)?${className}\\s*\\(`).test(line);

const queue = [...seeds];
const seen = new Set();
while (queue.length > 0) {
  const fq = queue.shift();
  if (seen.has(fq)) continue;
  seen.add(fq);
  const found = resolve(fq);
  if (!found) continue;
  for (const node of found.path) {
    if (node.needed) continue;
    node.needed = true;
    node.kept = node.members.filter((m) => isConstructor(m, node.name) || names.has(memberName(m, node.name)));
    // Nested classes the sources name (Build.VERSION, PackageInstaller.SessionParams, Manifest.permission).
    const fqNode = found.path.slice(0, found.path.indexOf(node) + 1).map((n) => n.name).join('.');
    const prefix = `${found.file.pkg.replace(/^package\s+|;$/g, '')}.${fqNode}`;
    for (const n of node.nested) if (names.has(n.name)) queue.push(`${prefix}.${n.name}`);
    for (const line of [node.header, ...node.kept]) {
      for (const [ref] of line.matchAll(/\bandroid(?:\.[a-z]\w*)*(?:\.[A-Z]\w*)+/g)) queue.push(ref);
    }
  }
}

function render(node, indent) {
  const pad = '  '.repeat(indent);
  const body = [...node.kept.map((m) => `${pad}  ${m}`), ...node.nested.filter((n) => n.needed).map((n) => render(n, indent + 1))];
  return [`${pad}${node.header}`, ...body, `${pad}}`].join('\n');
}

rmSync(out, { recursive: true, force: true });
let count = 0;
for (const [top, file] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  if (!file?.root?.needed) continue;
  const path = join(out, `${top.replaceAll('.', '/')}.java`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `// Cut from the Android API stubs by make-stubs.mjs (PROVENANCE.md). Apache-2.0, The Android Open Source Project.\n${file.pkg}\n\n${render(file.root, 0)}\n`);
  count++;
}
console.log(`${count} classes written to ${out}`);
