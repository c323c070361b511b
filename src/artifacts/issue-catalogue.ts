import type { Issue } from './types.js';

type Params = Record<string, unknown>;

/** A message as a template (`{name}` filled from the params) or a function of the params. */
export type IssueMessage = string | ((params: Params) => string);

export interface IssueCatalogue<Code extends string> {
  /** Every code, in catalogue order: docs and tests check each one is described. */
  readonly codes: Code[];
  /** Builds an Issue; params are kept for machine readers when there are any. */
  issue(code: Code, params?: Params): Issue;
}

/**
 * A closed catalogue of issues of one artifact kind. Codes are stable (scripts and tests match on
 * them); messages are for humans. A template param that was not given prints as `?`.
 */
export function issueCatalogue<Code extends string>(messages: Record<Code, IssueMessage>): IssueCatalogue<Code> {
  return {
    codes: Object.keys(messages) as Code[],
    issue(code, params = {}) {
      const m = messages[code];
      const message = typeof m === 'function' ? m(params) : m.replace(/\{(\w+)\}/g, (_, key: string) => (params[key] === undefined ? '?' : String(params[key])));
      return Object.keys(params).length === 0 ? { code, message } : { code, message, params };
    },
  };
}
