/**
 * The zod API otactl uses, as one module: sources write `import * as z from '../protocol/zod.js'`
 * where they would import 'zod'. Why: zod's package entry loads about 100 modules (its 60
 * locales, JSON Schema conversion, ...), a quarter of a CLI command's start-up; `npm run build`
 * replaces dist/protocol/zod.js with a tree-shaken bundle of just these exports of the installed zod
 * (scripts/bundle-zod.mjs), one file. Same zod code, so parsing and messages are unchanged; its
 * global config and registry live on globalThis and its instanceof checks go by trait, so these
 * schemas mix with a caller's own zod. The types are zod's own (z.infer, ...). Tests run this file
 * as it is (the whole zod). Add an export here when a schema needs another zod function.
 */
export { array, boolean, custom, discriminatedUnion, enum, iso, literal, looseObject, number, object, record, strictObject, string, union, unknown, url } from 'zod';
export type { infer, ZodType, ZodTypeAny } from 'zod';
