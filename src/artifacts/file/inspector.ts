import type { ArtifactInspector, InspectReportBase, InspectResult } from '../types.js';
import { sha256File } from '../../util/hash.js';

/** Any binary: what otactl can promise about it is its bytes (SHA-256 and size). */
export const fileInspector: ArtifactInspector = {
  kinds: ['file'],
  detect: () => true,
  async inspect(path: string): Promise<InspectResult> {
    const { sha256, size } = await sha256File(path);
    const report: InspectReportBase = { kind: 'file', sha256, size, verified: true, errors: [], warnings: [] };
    return { report, facts: {} };
  },
};
