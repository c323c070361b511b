export declare const VECTOR_FILES: { envelopes: string; freshness: string; decisions: string };
export declare function renderDeviceVectors(): { envelopes: string; freshness: string; decisions: string };
