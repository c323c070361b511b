import { issue, type ArtifactInspector, type InspectReportBase, type InspectResult } from '../types.js';
import { sha256File } from '../../util/hash.js';

/** Any binary: what otactl can promise about it is its bytes (SHA-256 and size). */
export const fileInspector: ArtifactInspector = {
  async inspect(path: string): Promise<InspectResult> {
    const { sha256, size } = await sha256File(path);
    // Zero bytes are never a build (a truncated download, a failed build step, `touch`).
    const errors = size === 0 ? [issue('FILE_EMPTY', 'the file is empty: zero bytes are never a build')] : [];
    const report: InspectReportBase = { kind: 'file', sha256, size, verified: errors.length === 0, errors, warnings: [] };
    return { report, facts: {} };
  },
};
