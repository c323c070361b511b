export declare const FIXTURES: string;
export declare function hello(): Buffer;
export interface ParsedImage {
  header: Buffer;
  segments: Array<{ addr: number; data: Buffer }>;
}
export declare function parseImage(image: Buffer): ParsedImage;
export declare function seal(image: ParsedImage): Buffer;
export declare function validationHash(image: Buffer): Buffer;
export interface VariantSpec {
  /** New app version string (app descriptor at 0x10 of the first segment's data). */
  version?: string;
  /** Code words changed, spread evenly over the largest segment (as relocations do). */
  words?: number;
  /** Bytes inserted in the middle of the largest segment (everything after it moves). */
  insert?: number;
  seed?: number;
}
export declare function variant(image: Buffer, spec: VariantSpec): Buffer;
export declare function grow(image: Buffer, size: number, seed?: number): Buffer;
