import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { egoPoseProbeSchema } from '../../shared/ingest/probeSchemas';
import { probeEgoPose } from '../../main/services/probe/probeEgoPose';
import { ProbeError } from '../../main/services/probe/ProbeError';

const dir = mkdtempSync(join(tmpdir(), 'scenedock-egopose-'));
const write = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

// The example of SceneEngineClient.add_ego_pose, verbatim.
const SCENEBOX_EXAMPLE = [
  { frame: 0, timestamp: '2021-08-24T21:15:15.574000+00:00', objects: { 0: { lat: 33.6, lon: -0.15 }, 1: { lat: 5.6, lon: -3.45 }, 2: { lat: 23.25, lon: -3.85 }, 3: { lat: 83.0, lon: -5.9 }, 4: { lat: 198.55, lon: 12.15 } } },
  { frame: 1, timestamp: '2021-08-24T21:15:15.599000+00:00', objects: { 5: { lat: 33.55, lon: -0.15 }, 6: { lat: 5.7, lon: -3.45 }, 7: { lat: 23.25, lon: -3.85 }, 8: { lat: 82.45, lon: -5.9 }, 9: { lat: 197.8, lon: 12.15 } } },
];

describe('probeEgoPose', () => {
  it('summarizes the SceneBox client example', async () => {
    const probe = await probeEgoPose(write('example.json', SCENEBOX_EXAMPLE));
    expect(egoPoseProbeSchema.parse(JSON.parse(JSON.stringify(probe)))).toEqual(probe);
    expect(probe).toEqual({
      kind: 'ego_pose', frameCount: 2,
      firstTimestamp: '2021-08-24T21:15:15.574000000Z', lastTimestamp: '2021-08-24T21:15:15.599000000Z',
      objectCount: 10, maxObjectsPerFrame: 5, firstFrame: 0, lastFrame: 1, monotonic: true,
    });
  });

  it('counts objects seen in several frames once, and notices time going backwards', async () => {
    const frames = Array.from({ length: 100 }, (_, i) => ({
      frame: i,
      // Frame 50 is stamped before frame 49; offsets differ but the instants are compared.
      timestamp: i === 50 ? '2021-08-24T23:15:14.000+02:00' : `2021-08-24T21:${String(15 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      objects: Object.fromEntries(Array.from({ length: 1 + (i % 3) }, (_, k) => [`car_${k}`, { lat: i, lon: -k, heading: 0 }])),
    }));
    const probe = await probeEgoPose(write('track.json', frames));
    expect(probe).toMatchObject({ frameCount: 100, objectCount: 3, maxObjectsPerFrame: 3, firstFrame: 0, lastFrame: 99, monotonic: false });
    expect(probe.lastTimestamp).toBe('2021-08-24T21:16:39.000000000Z');
  });

  it('accepts an empty list', async () => {
    expect(await probeEgoPose(write('empty.json', []))).toEqual({
      kind: 'ego_pose', frameCount: 0, firstTimestamp: null, lastTimestamp: null, objectCount: 0, maxObjectsPerFrame: 0, firstFrame: null, lastFrame: null, monotonic: true,
    });
  });

  it('rejects malformed files with the path of the first bad value', async () => {
    const cases: [string, unknown, string][] = [
      ['object.json', { frames: [] }, 'not an ego-pose file: the top level: Invalid input: expected array, received object'],
      ['nolat.json', [SCENEBOX_EXAMPLE[0], { frame: 1, timestamp: '2021-08-24T21:15:15Z', objects: { 7: { lon: 1 } } }], 'not an ego-pose file: [1].objects.7.lat: Invalid input: expected number, received undefined'],
      ['badtime.json', [{ frame: 0, timestamp: 'yesterday', objects: {} }], 'not an ego-pose file: [0].timestamp: not an ISO-8601 timestamp'],
      ['badframe.json', [{ frame: 0.5, timestamp: '2021-08-24T21:15:15Z', objects: {} }], 'not an ego-pose file: [0].frame: Invalid input: expected int, received number'],
      ['truncated.json', '[{"frame": 0', 'not valid JSON: '],
    ];
    for (const [name, content, reason] of cases) {
      const path = write(name, content);
      const error = await probeEgoPose(path).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(ProbeError);
      expect((error as ProbeError).message, name).toContain(`${path}: ${reason}`);
    }
  });
});
