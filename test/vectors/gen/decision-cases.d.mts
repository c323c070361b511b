export declare const ALL_REASONS: string[];
