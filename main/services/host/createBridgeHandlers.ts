import { basename } from 'node:path';
import { RECORDING_KINDS, isFileKind } from '../../../shared/ingest/fileKinds';
import type { BridgeHandlers } from '../../../shared/ipc/contract';
import { BridgeFailure } from '../../../shared/ipc/dispatchCommand';
import type { JobView } from '../../../shared/ipc/viewModels';
import type { IngestHost } from './IngestHost';

/**
 * The contract's commands over the ingest host: what the Electron IPC wiring and the agent's
 * WebSocket bridge both dispatch to (after shared/ipc/dispatchCommand validated the request).
 */
export function createBridgeHandlers(host: IngestHost): BridgeHandlers {
  const service = () => host.service;
  const known = (id: number) => {
    const item = service().journal.reader.get(id);
    if (!item) throw new BridgeFailure('not_found', `no item ${id}`);
    return item;
  };
  return {
    getOverview: async () => service().overview(),
    listItems: async (q) => service().listItems({ ...(q.states ? { states: q.states } : {}), ...(q.search ? { search: q.search } : {}), ...(q.kinds ? { kinds: q.kinds } : {}), offset: q.offset, limit: q.limit }),
    getItem: async ({ id }) => (known(id), service().item(id)),
    retryItem: async ({ id }) => (known(id), service().retryItem(id)),
    pauseItem: async ({ id }) => (known(id), service().pauseItem(id)),
    resumeItem: async ({ id }) => (known(id), service().resumeItem(id)),
    cancelItem: async ({ id }) => (known(id), service().cancelItem(id)),
    pauseAll: async () => (service().pauseAll(), { ok: true as const }),
    resumeAll: async () => (service().resumeAll(), { ok: true as const }),
    listSources: async () => service().sources(),
    addWatchFolder: async ({ path, defaults }) => service().addWatchFolder(path, defaults),
    updateSource: async ({ id, defaults }) => service().updateSource(id, defaults),
    removeSource: async ({ id }) => (await service().removeSource(id), { ok: true as const }),
    dropPaths: async ({ paths, defaults }) => {
      const { queued, missing } = await service().dropPaths(paths, defaults);
      return { queued, missing };
    },
    getPreview: async ({ id }) => {
      const item = known(id);
      return { itemId: id, kind: item.kind, name: item.name, probe: item.probe, mediaUrl: item.kind === 'ros2_bag' ? null : `item:${id}` };
    },
    listJobs: async () => host.jobs(),
    startIndexing: async ({ id }) => {
      const item = known(id);
      if (!isFileKind(item.kind) || !RECORDING_KINDS.includes(item.kind)) throw new BridgeFailure('invalid_request', `${item.name} is not a recording`);
      const job: JobView | undefined = await host.startIndexing(id);
      if (!job) throw new BridgeFailure('failed', `${basename(item.path)} could not be indexed`);
      return job;
    },
    getSettings: async () => host.settingsView(),
    updateSettings: async (patch) => host.updateSettings(patch),
    pickFolder: async () => ({ path: null }),
  };
}
