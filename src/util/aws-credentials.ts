import { registerSecret } from './redact.js';

/** The part of an AWS SDK v3 client this needs (S3Client, CloudFrontClient). */
interface WithMiddleware {
  middlewareStack: { add(middleware: never, options: { step: 'finalizeRequest'; name: string; override?: boolean }): void };
}

interface ResolvedIdentity {
  secretAccessKey?: unknown;
  sessionToken?: unknown;
}

/**
 * Registers with the redaction module (redact.ts) the credentials the client resolved for each
 * request, wherever they came from: the environment's are registered at CLI start, but a profile's
 * (AWS_SHARED_CREDENTIALS_FILE), SSO's or the instance metadata's are only known to the SDK, and
 * an endpoint or proxy that echoes them back in an error must never get them shown.
 * The SDK keeps the identity it signs with in the request's smithy context (`__smithy_context`,
 * set by its httpAuthSchemeMiddleware before the finalizeRequest step).
 */
export function redactResolvedCredentials(client: WithMiddleware): void {
  const middleware = (next: (args: unknown) => Promise<unknown>, context: Record<string, unknown>) => async (args: unknown) => {
    const scheme = (context.__smithy_context as { selectedHttpAuthScheme?: { identity?: ResolvedIdentity } } | undefined)?.selectedHttpAuthScheme;
    for (const value of [scheme?.identity?.secretAccessKey, scheme?.identity?.sessionToken]) if (typeof value === 'string') registerSecret(value);
    return next(args);
  };
  client.middlewareStack.add(middleware as never, { step: 'finalizeRequest', name: 'otactlRedactResolvedCredentials', override: true });
}
