/**
 * What a device must remember across reboots, and where it keeps it. The Updater loads the state
 * before a check and saves it after any change; a DeviceStateStore decides where it lives (the
 * two here: memory for tests and simulations, a JSON file written atomically for a real device).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from '../protocol/zod.js';
import { StorageError } from '../errors.js';
import { BootState } from './boot-validation.js';

/** The build the last install was for, kept until it is confirmed or rolled back. */
const InstalledBuild = z.object({ build_id: z.string(), version_code: z.number().int() });
export type InstalledBuild = z.infer<typeof InstalledBuild>;

const StoredState = z.object({
  /** Highest manifest sequence accepted (replay protection); 0 before the first. */
  highestSequence: z.number().int().nonnegative(),
  /** ETag of the cached manifest, sent as If-None-Match. */
  etag: z.string().optional(),
  /** The last accepted manifest envelope, base64: a 304 is answered from it (verified again on use). */
  manifest: z.string().optional(),
  /** Boot validation of the last installed build (./boot-validation.ts); absent: confirmed. */
  boot: BootState.optional(),
  installed: InstalledBuild.optional(),
});

export interface DeviceState {
  highestSequence: number;
  etag?: string;
  manifest?: Buffer;
  /** Absent: the running build is confirmed. */
  boot?: BootState;
  installed?: InstalledBuild;
}

export interface DeviceStateStore {
  /** The saved state, or a fresh one ({highestSequence: 0}) when nothing was saved yet. */
  load(): Promise<DeviceState>;
  save(state: DeviceState): Promise<void>;
}

export const initialState = (): DeviceState => ({ highestSequence: 0 });

export class MemoryStateStore implements DeviceStateStore {
  constructor(private state: DeviceState = initialState()) {}
  async load(): Promise<DeviceState> {
    return { ...this.state };
  }
  async save(state: DeviceState): Promise<void> {
    this.state = { ...state };
  }
}

/** One JSON file; a save writes a temp file beside it and renames it, so a crash keeps the old or the new state whole. */
export class JsonFileStateStore implements DeviceStateStore {
  constructor(readonly file: string) {}

  async load(): Promise<DeviceState> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return initialState();
      throw new StorageError(`cannot read device state ${this.file}: ${(err as NodeJS.ErrnoException).code}`);
    }
    let parsed: z.infer<typeof StoredState>;
    try {
      parsed = StoredState.parse(JSON.parse(text));
    } catch {
      // A damaged state file must not brick updates: start over. Replay protection restarts at 0,
      // and expiry still bounds what an attacker can replay.
      return initialState();
    }
    return {
      highestSequence: parsed.highestSequence,
      etag: parsed.etag,
      manifest: parsed.manifest === undefined ? undefined : Buffer.from(parsed.manifest, 'base64'),
      ...(parsed.boot ? { boot: parsed.boot } : {}),
      ...(parsed.installed ? { installed: parsed.installed } : {}),
    };
  }

  async save(state: DeviceState): Promise<void> {
    const doc: z.infer<typeof StoredState> = {
      highestSequence: state.highestSequence,
      etag: state.etag,
      manifest: state.manifest?.toString('base64'),
      boot: state.boot,
      installed: state.installed,
    };
    const tmp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(tmp, `${JSON.stringify(doc)}\n`, { flush: true });
      await rename(tmp, this.file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw new StorageError(`cannot save device state ${this.file}: ${(err as NodeJS.ErrnoException).code ?? err}`);
    }
  }
}
