export declare const VECTORS_PATH: string;
export interface NudgeVector {
  note: string;
  verdict: 'valid' | 'malformed' | 'bad_sig' | 'stale' | 'future' | 'replay' | 'wrong_target';
  key_hex: string;
  device: { app: string; channel: string; device_id: string };
  /** First 16 hex of SHA-256("otactl-nudge-target\n" + app + "\n" + channel) of `device`. */
  device_tag: string;
  now: number;
  seen_request_ids: Array<{ request_id: string; issued_at: number }>;
  /** When present, the exact text the device receives (duplicate keys, deep nesting...). */
  message_text?: string;
  message: Record<string, unknown> & { sig: string };
  signing_string: string;
  expected_sig: string;
}
export declare function buildVectors(): { description: string[]; window_seconds: number; target_tag_prefix: string; max_depth: number; cases: NudgeVector[] };
export declare function renderVectors(): string;
