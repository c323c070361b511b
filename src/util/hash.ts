import { createHash } from 'node:crypto';
import { openRegularFile } from './regular-file.js';

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Streams a file once through SHA-256; memory stays flat whatever the size. */
export async function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const fh = await openRegularFile(path);
  for await (const chunk of fh.createReadStream({ highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}
