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
export interface DeviceIdVector {
  note: string;
  utf8_hex: string;
  /** null: the bytes are not text, a string client cannot be given them. */
  utf16_hex: string | null;
  valid: boolean;
  salt: string;
  bucket: number | null;
}
export declare function buildVectors(): { description: string[]; contract_version: number; cases: CohortVector[]; device_ids: DeviceIdVector[] };
export declare function renderVectors(): string;
