/** Human rendering of plain result objects: `key  value` lines, nested lists indented. */
export function renderReport(report: Record<string, unknown>): string {
  const lines: string[] = [];
  const width = Math.max(...Object.keys(report).map((k) => k.length));
  for (const [key, value] of Object.entries(report)) {
    if (key === 'errors' || key === 'warnings') continue;
    lines.push(`${key.padEnd(width)}  ${formatValue(value)}`);
  }
  for (const kind of ['errors', 'warnings'] as const) {
    const list = report[kind];
    if (Array.isArray(list) && list.length > 0) {
      lines.push(`${kind}:`);
      for (const item of list as { code?: string; message?: string }[]) lines.push(`  ${item.code ?? ''}: ${item.message ?? JSON.stringify(item)}`);
    }
  }
  return lines.join('\n');
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) {
    if (value.length === 0) return '-';
    if (value.every((v) => typeof v !== 'object' || v === null)) return value.join(', ');
    return `\n${value.map((v) => `    ${inline(v)}`).join('\n')}`;
  }
  if (typeof value === 'object') return inline(value);
  return String(value);
}

function inline(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}=${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)}`)
    .join(' ');
}
