import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** AOSP apksig's test fixtures, vendored with their licence (test/fixtures/apksig/README.md). */
export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/apksig');
export const fixture = (name: string): string => resolve(FIXTURES, name);
