/**
 * The sha256 -> build map the aggregator needs, read from the store: every release record of
 * every app, with the channel that serves the build when exactly one channel's manifest names it
 * (as its build or its last safe build). An artifact request carries no channel; a build served
 * by several channels is reported under channel `*`.
 */
import type { Repository } from '../repo/repository.js';
import type { ArtifactOrigin } from './aggregate.js';

export async function artifactOrigins(repo: Repository, apps?: readonly string[]): Promise<Map<string, ArtifactOrigin>> {
  const origins = new Map<string, ArtifactOrigin>();
  for (const app of apps ?? (await repo.listApps())) {
    const servedBy = new Map<string, Set<string>>();
    for (const channel of await repo.listChannels(app)) {
      const head = await repo.readChannel(app, channel);
      for (const build of [head?.payload.build, head?.payload.last_safe]) {
        if (build) (servedBy.get(build.build_id) ?? servedBy.set(build.build_id, new Set()).get(build.build_id)!).add(channel);
      }
    }
    for (const r of await repo.listReleases(app)) {
      const channels = [...(servedBy.get(r.build_id) ?? [])];
      origins.set(r.sha256, { app, build_id: r.build_id, channel: channels.length === 1 ? channels[0]! : null, version_code: r.version_code });
    }
  }
  return origins;
}
