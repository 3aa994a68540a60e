import type { ItemView } from '../../shared/ipc/viewModels';

/** A valid ItemView (as the contract's schema accepts it) with the fields a test cares about. */
export function itemViewFixture(overrides: Partial<ItemView> = {}): ItemView {
  return {
    id: 1, name: 'scan.pcd', path: '/data/scan.pcd', kind: 'lidar', state: 'uploading', size: 1000, bytesDone: 250,
    progress: 0.25, speedBps: 1000, reason: null, attempts: 0, nextRetryAt: null, paused: false, assetType: null,
    assetId: null, sessionUid: null, jobId: null, updatedAt: '2026-01-01T00:00:00.000Z', ...overrides,
  };
}
