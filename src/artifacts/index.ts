import { closeSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { apkFamily } from './apk/family.js';
import { espFamily } from './esp/family.js';
import { fileFamily } from './file/family.js';
import { issue, type ArtifactFamily, type InspectOptions, type InspectResult } from './types.js';
import type { ArtifactFamilyName } from '../protocol/schemas.js';
import { artifactFamilyName } from '../protocol/ids.js';
import { ValidationError } from '../errors.js';
import { openRegularFileSync } from '../util/regular-file.js';

/** Artifact families, most specific first; `file` takes whatever the others do not. */
const FAMILIES: readonly ArtifactFamily[] = [apkFamily, espFamily, fileFamily];


/** How the family was chosen: the --kind flag, the file name's claim, or the first bytes. */
export type ChosenBy = 'flag' | 'name' | 'content';

export interface ChosenFamily {
  family: ArtifactFamily;
  by: ChosenBy;
}

/** The family named by `--kind`; anything else is a usage error (exit 2). */
export function familyNamed(kind: string): ArtifactFamily {
  const name = artifactFamilyName(kind);
  return FAMILIES.find((f) => f.name === name)!;
}

/** The family of a `kind` an inspector reported (esp-app -> esp); null for a kind no family reports. */
export function familyOfKind(kind: string): ArtifactFamilyName | null {
  return FAMILIES.find((f) => f.kinds.includes(kind))?.name ?? null;
}

/** The one detection rule, used by inspect and upload alike: --kind, else the name's claim, else the content. */
export function chooseFamily(head: Buffer, fileName: string, forced?: ArtifactFamily): ChosenFamily {
  if (forced !== undefined) return { family: forced, by: 'flag' };
  const name = basename(fileName).toLowerCase();
  const claimed = FAMILIES.find((f) => f.extensions.some((ext) => name.endsWith(ext)));
  if (claimed) return { family: claimed, by: 'name' };
  return { family: FAMILIES.find((f) => f.extensions.length === 0 && f.detect(head))!, by: 'content' };
}

export interface InspectedArtifact extends InspectResult {
  family: ArtifactFamilyName;
}

/** Inspects a file; a missing or unreadable file is bad input (ValidationError), not a crash. */
export async function inspectArtifact(path: string, options: InspectOptions = {}, forcedKind?: string): Promise<InspectedArtifact> {
  const forced = forcedKind === undefined ? undefined : familyNamed(forcedKind);
  try {
    const head = readHead(path, 64);
    const { family, by } = chooseFamily(head, path, forced);
    const result = await (await family.load()).inspect(path, options);
    if (by === 'name' && !family.detect(head)) {
      result.report.warnings.push(
        issue('ARTIFACT_NAME_CLAIM', `named like an ${family.name} file but its content is not one; pass \`kind\` file to treat it as a plain file`, {
          family: family.name,
        }),
      );
    }
    return { ...result, family: family.name };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ValidationError(`${path}: no such file`, 'E_NO_FILE');
    if (code === 'EISDIR') throw new ValidationError(`${path} is a directory`, 'E_NO_FILE');
    if (code === 'EACCES') throw new ValidationError(`${path}: permission denied`, 'E_NO_FILE');
    throw err;
  }
}

function readHead(path: string, n: number): Buffer {
  const fd = openRegularFileSync(path);
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}
