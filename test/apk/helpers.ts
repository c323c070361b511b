import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apksig's fixtures live beside the repo (CI clones shared/ next to it); nothing is copied. */
export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/apksig');
export const fixture = (name: string): string => resolve(FIXTURES, name);
