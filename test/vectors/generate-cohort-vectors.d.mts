export declare const VECTORS_PATH: string;
export interface CohortVector {
  note: string;
  salt: string;
  device_id: string;
  device_id_utf8_hex: string;
  sha256_hex: string;
  bucket: number;
  percent: number;
  basis_points: number;
  in_rollout: boolean;
}
export declare function buildVectors(): { description: string[]; contract_version: number; cases: CohortVector[] };
export declare function renderVectors(): string;
