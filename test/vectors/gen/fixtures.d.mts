// Types of the shared manifest builders (fixtures.mjs), for TypeScript tests.
import type { BuildRef, ManifestPayload } from '../../../src/protocol/schemas.js';

export interface ManifestOptions {
  build?: BuildRef;
  percent?: number;
  wifiOnly?: boolean;
  lastSafe?: BuildRef | null;
  salt?: string;
  canaryTags?: string[];
  canaryDeviceSha256?: string[];
  forceDowngrade?: boolean;
  rolledBackFrom?: string | null;
  minBattery?: number;
  deferInCall?: boolean;
  models?: string[];
  chips?: string[];
  minCurrentVersion?: number | null;
  intermediate?: BuildRef | null;
  sequence?: number;
  expiresAt?: string;
  issuedAt?: string;
  channel?: string;
}
export declare function buildRef(versionCode: number, over?: Partial<BuildRef>): BuildRef;
/** Plain JSON of a manifest payload (not validated); parse it with ManifestPayload. */
export declare function manifest(o?: ManifestOptions): ManifestPayload;
