export declare const VECTOR_PATHS: { boot: string; resume: string };
export interface BootStateVector { status: 'confirmed' | 'pending' | 'rolled_back'; boots: number; failures: number; first_boot_ms: number | null }
export interface BootCaseVector {
  note: string;
  limits: { max_boots: number; max_failures: number; max_pending_ms: number };
  start: BootStateVector;
  steps: Array<{
    event: { type: 'installed' | 'boot' | 'check_ok' | 'check_failed' | 'tick'; now_ms: number | null; running_installed?: boolean };
    expect: BootStateVector & { action: 'none' | 'mark_valid' | 'rollback' | 'reverted'; reason: string | null };
  }>;
}
export interface ResumeCaseVector {
  note: string;
  size: number;
  have: number;
  response: { status: number; content_range: string | null; content_length: number | null };
  body_bytes: number;
  expect: { range_from: number | null; action: string; reason: string; offset: number | null; length: number | null; outcome: string; on_disk: number };
}
export declare function buildUpdatePathVectors(): {
  boot: { description: string[]; contract_version: number; cases: BootCaseVector[] };
  resume: { description: string[]; contract_version: number; cases: ResumeCaseVector[] };
};
export declare function renderUpdatePathVectors(): { boot: string; resume: string };
