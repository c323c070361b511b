export declare const TELEMETRY_VECTORS: string;
export type TelemetryCase =
  | { kind: 'telemetry_id'; note: string; device_id: string; telemetry_id: string }
  | { kind: 'check_url'; note: string; manifest_url: string; telemetry_id: string; version_code: number; url: string }
  | { kind: 'beacon_url'; note: string; manifest_url: string; build_id: string; outcome: string; telemetry_id: string; channel: string; reason: string | null; url: string }
  | { kind: 'boot_outcome'; note: string; action: string; reason: string | null; pending_boot: boolean; outcome: string | null; beacon_reason: string | null }
  | { kind: 'failure_outcome'; note: string; event: string; detail: string; outcome: string | null; beacon_reason: string | null };
export declare function buildTelemetryVectors(): { description: string[]; contract_version: number; cases: TelemetryCase[] };
export declare function renderTelemetryVectors(): string;
