import { unlinkSync } from 'node:fs';

/**
 * What this process is in the middle of writing, so an interrupt (SIGINT, SIGTERM) can clean up
 * and say honestly what happened: the temp and lock files it holds, and the mutable pointers
 * (channel manifests) it has already replaced. The store registers; the CLI's signal handler reads.
 */
const held = new Set<string>();
const replaced: string[] = [];
const replacing = new Set<string>();

/** A file this process created and will remove or rename away (temp file, lock). */
export function holdFile(path: string): void {
  held.add(path);
}

/** The file is gone or renamed into place: nothing to clean up any more. */
export function releaseFile(path: string): void {
  held.delete(path);
}

/** Runs the write that replaces a mutable key (a channel manifest): once it is done, the change is published. */
export async function replacePointer<T>(key: string, write: () => Promise<T>): Promise<T> {
  replacing.add(key);
  try {
    const out = await write();
    replaced.push(key);
    return out;
  } finally {
    replacing.delete(key);
  }
}

/** For the interrupt message: keys replaced, and keys whose replacement was under way (outcome unknown). */
export function pointerWrites(): { replaced: readonly string[]; underway: readonly string[] } {
  return { replaced, underway: [...replacing] };
}

/** Removes every held file, synchronously (called from a signal handler just before exit). */
export function removeHeldFilesSync(): void {
  for (const path of held) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  held.clear();
}
