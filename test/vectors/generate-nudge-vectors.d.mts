export declare const VECTORS_PATH: string;
export interface NudgeVector {
  note: string;
  verdict: 'valid' | 'bad_sig' | 'stale' | 'future' | 'replay' | 'wrong_target';
  key_hex: string;
  device: { app: string; channel: string; device_id: string };
  now: number;
  seen_request_ids: Array<{ request_id: string; issued_at: number }>;
  message: Record<string, unknown> & { sig: string };
  signing_string: string;
  expected_sig: string;
}
export declare function buildVectors(): { description: string[]; window_seconds: number; cases: NudgeVector[] };
export declare function renderVectors(): string;
