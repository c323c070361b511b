/**
 * The one way otactl opens a file to read: what is not a regular file is refused before a byte is
 * read (/dev/zero never ends, a FIFO without a writer blocks open() and read() for ever, a
 * directory has no bytes). O_NONBLOCK keeps open() of a FIFO from hanging and changes nothing for
 * a regular file; the type is checked on the open descriptor (fstat), so a path swapped between
 * a check and the open cannot slip through.
 */
import { closeSync, constants, fstatSync, openSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { ValidationError } from '../errors.js';

const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** An open handle on a regular file; E_NOT_A_FILE (exit 2) for anything else. Errno errors (ENOENT, EACCES) pass through for the caller to word. */
export async function openRegularFile(path: string): Promise<FileHandle> {
  const fh = await open(path, READ_FLAGS);
  try {
    refuseIrregular(path, await fh.stat());
    return fh;
  } catch (err) {
    await fh.close();
    throw err;
  }
}

/** The whole content of a regular file (see openRegularFile). */
export async function readRegularFile(path: string): Promise<Buffer>;
export async function readRegularFile(path: string, encoding: 'utf8'): Promise<string>;
export async function readRegularFile(path: string, encoding?: 'utf8'): Promise<Buffer | string> {
  const fh = await openRegularFile(path);
  try {
    const bytes = await fh.readFile();
    return encoding ? bytes.toString(encoding) : bytes;
  } finally {
    await fh.close();
  }
}

/** A file descriptor on a regular file, for synchronous readers (see openRegularFile). */
export function openRegularFileSync(path: string): number {
  const fd = openSync(path, READ_FLAGS);
  try {
    refuseIrregular(path, fstatSync(fd));
    return fd;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** Refuses a path that is not a regular file (see openRegularFile). */
export function checkRegularFile(path: string): void {
  closeSync(openRegularFileSync(path));
}

function refuseIrregular(path: string, st: Stats): void {
  if (!st.isFile()) throw new ValidationError(`${path} is ${describeType(st)}, not a regular file`, 'E_NOT_A_FILE', { path });
}

function describeType(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}
