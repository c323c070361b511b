import type { KeyObject } from 'node:crypto';
export interface ScriptedResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
export declare function fcmError(status: string, httpCode: number, errorCode: string): ScriptedResponse;
export declare const UNREGISTERED: () => ScriptedResponse;
export declare const INVALID_ARGUMENT: () => ScriptedResponse;
export declare const QUOTA: (retryAfter?: number) => ScriptedResponse;
export declare const INTERNAL: () => ScriptedResponse;
export interface FcmFakeState {
  tokens: Map<string, number>;
  tokenRequests: number;
  rejectedAssertions: string[];
  sends: number;
  delivered: Array<{ token?: string; topic?: string; data: Record<string, string>; android: Record<string, string> }>;
  /** validate_only messages answered 200: checked, never delivered. */
  validated: Array<{ token?: string; topic?: string; data: Record<string, string>; android: Record<string, string> }>;
  shapeErrors: string[];
  unauthorized: number;
  inFlight: number;
  maxInFlight: number;
  script: Map<string, ScriptedResponse[]>;
}
export interface FcmFake {
  url: string;
  tokenUri: string;
  state: FcmFakeState;
  script: Map<string, ScriptedResponse[]>;
  setTokenTtl(seconds: number): void;
  expireTokens(): void;
  close(): Promise<void>;
}
export declare function startFcmFake(opts: { publicKey: KeyObject; clientEmail: string; projectId: string; tokenTtlSeconds?: number; sendDelayMs?: number }): Promise<FcmFake>;
export declare function makeServiceAccount(
  projectId: string,
  tokenUri: string,
): Promise<{ account: { type: string; project_id: string; private_key_id: string; private_key: string; client_email: string; token_uri: string }; publicKey: KeyObject }>;
