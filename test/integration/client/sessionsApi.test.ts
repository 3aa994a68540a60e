import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityBatchError, SessionError, type AssetManagerClient, type SceneEngineClient } from '../../../client/index';
import { connectClient } from '../../helpers/connectClient';
import { pyIso, T0 } from '../../helpers/sessionCalls';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// The session methods and entity helpers of the TypeScript client against a real engine. The
// session runs at 1 s over T0..T0+10 s, so field data has one index per second; `_` is no value.

let engine: TestEngine;
let se: SceneEngineClient;
let sessions: AssetManagerClient;
let uid: string;
let tmp: string;
const _ = null;
const wait = { waitForCompletion: true, wait: { pollIntervalMs: 20, timeoutMs: 30_000 } };
const iso = (s: number): string => new Date((T0 + s) * 1000).toISOString();

beforeAll(async () => {
  engine = await startTestEngine();
  ({ client: se } = connectClient(engine));
  sessions = se.getAssetManager('sessions');
  tmp = mkdtempSync(join(tmpdir(), 'scenedock-sessions-'));
  uid = await se.addSession({ name: 'drive 1', resolution: 1 });
  await se.updateTimeSpan(uid, pyIso(0), pyIso(10));
});
afterAll(async () => {
  await engine.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('session documents', () => {
  it('answers the existing session for a name, or raises when asked to', async () => {
    expect(await se.addSession({ name: 'drive 1' })).toBe(uid);
    await expect(se.addSession({ name: 'drive 1', raiseIfExists: true })).rejects.toBeInstanceOf(SessionError);
  });

  it('updates and extends the time span (extend never narrows it)', async () => {
    const other = await se.addSession({ name: 'span', resolution: 1 });
    await se.updateTimeSpan(other, new Date((T0 + 2) * 1000), pyIso(4));
    const extended = await se.extendTimeSpan(other, [pyIso(3), pyIso(7)]);
    expect(extended).toMatchObject({ start_time: expect.stringMatching(/^2026-01-01T00:00:02/) as unknown, end_time: expect.stringMatching(/^2026-01-01T00:00:07/) as unknown });
  });

  it('adds source data, auxiliary data and enrichment configs (replacing or appending)', async () => {
    await se.addSourceData(uid, [{ sensor: 'cam', id: 'v1', type: 'videos' }], [{ name: 'cam', type: 'camera' }]);
    await se.addAuxiliarySessionData(uid, [{ id: 'cv1', type: 'concatenated_video', tags: ['cam'] }]);
    await se.addAuxiliarySessionData(uid, [{ id: 'cv2', type: 'concatenated_video', tags: ['cam2'] }], false);
    const configs = [{ input_event: 'geo_locations', type: 'weather', configuration: { influence_type: 'interval', influence_radius_in_seconds: 2 } }];
    const doc = await se.addEnrichmentsConfigs(uid, configs);
    expect(doc).toMatchObject({ source_data: [{ id: 'v1' }], sensors: [{ name: 'cam' }], enrichments_configs: configs });
    expect((doc.auxiliary_data as { id: string }[]).map((a) => a.id)).toEqual(['cv1', 'cv2']);
  });

  it('adds an ego pose file as auxiliary data and refuses one that is not an ego pose', async () => {
    const frames = [{ frame: 0, timestamp: pyIso(1), objects: { '0': { lat: 33.6, lon: -0.15 } } }];
    const path = join(tmp, 'ego.json');
    writeFileSync(path, JSON.stringify(frames));
    const doc = await se.addEgoPose(uid, { path, title: 'lead car' });
    const ego = (doc.auxiliary_data as Record<string, unknown>[]).find((a) => a.type === 'ego_pose');
    expect(ego).toMatchObject({ title: 'lead car', object_access: { uri: expect.stringMatching(/^s3:\/\//) as unknown } });
    const url = await se.getAssetManager('annotations').getUrlFromObjectAccess(ego?.object_access as { uri: string });
    expect(JSON.parse(Buffer.from(await (await fetch(url)).arrayBuffer()).toString('utf8'))).toEqual(frames);
    await expect(se.addEgoPose(uid, { data: [{ frame: 0, timestamp: 'yesterday', objects: {} }] })).rejects.toThrow(/ego pose data: .*timestamp/);
  });
});

describe('entities, resolution and reads', () => {
  beforeAll(async () => {
    await se.addScalarMeasurements('speed', [10, 30], [pyIso(1), pyIso(5)], uid);
    await se.addPointEvents('horn', ['beep'], [pyIso(3)], uid);
    await se.addEventIntervals('weather', ['rain'], [pyIso(6)], [pyIso(8)], uid);
    await se.addEventInterval('road', ['wet', 'dark'], pyIso(9), pyIso(10), uid);
    await se.addScalarIntervals('temp', [7], [pyIso(0)], [pyIso(2)], uid);
    await se.addGeolocationEntities([10, 12], [20, 22], [pyIso(0), pyIso(4)], uid);
    await se.addGeolocationEntity(13, 23, pyIso(6), uid);
    await se.resolveSession(uid, wait);
  });

  it('projects each helper\'s entities onto the timeline with its influence', async () => {
    const data = await se.getFieldData(uid, ['speed', 'horn', 'weather', 'road', 'temp', 'geolocation']);
    expect(data.time_index).toEqual(Array.from({ length: 11 }, (_v, i) => T0 + i));
    expect(data.speed).toEqual([_, 10, 15, 20, 25, 30, _, _, _, _, _]);
    expect(data.horn).toEqual([_, _, 'beep', 'beep', 'beep', _, _, _, _, _, _]);
    expect(data.weather).toEqual([_, _, _, _, _, _, ['rain'], ['rain'], ['rain'], _, _]);
    expect(data.road).toEqual([_, _, _, _, _, _, _, _, _, ['wet', 'dark'], ['wet', 'dark']]);
    expect(data.temp).toEqual([7, 7, _, _, _, _, _, _, _, _, _]);
    expect(data.geolocation?.slice(0, 7).every((g) => g !== null)).toBe(true);
    expect(data.geolocation?.[10]).toBeNull();
    expect(await se.getSessionResolutionStatus(uid)).toBe('ready');
  });

  it('reads field data within a time range, downloads timeseries, and summarises entities', async () => {
    const ranged = await se.getFieldData(uid, ['speed'], { timeRange: { startTime: iso(1), endTime: iso(3) } });
    expect(ranged.speed).toEqual([10, 15, 20]);
    const series = await se.downloadTimeseries({ filters: [{ field: 'speed', values: [20] }] }, ['speed']);
    expect(series[uid]).toEqual([expect.objectContaining({ speed: [20], start_time: expect.stringMatching(/00:00:03/) as unknown })]);
    const summary = await se.entitySummary(uid, ['speed', 'horn']);
    expect(summary.speed).toMatchObject({ count: 2, min: 10, max: 30 });
    expect(summary.horn).toMatchObject({ count: 1, values: ['beep'] });
  });

  it('keeps buffered entities until flushed', async () => {
    await se.addScalarMeasurements('buffered', [1, 2], [pyIso(1), pyIso(2)], uid, { buffered: true });
    expect((await se.entitySummary(uid, ['buffered'])).buffered?.count).toBe(0);
    await se.flushEntitiesBuffer();
    expect((await se.entitySummary(uid, ['buffered'])).buffered?.count).toBe(2);
    // Past 1000 waiting entities the buffer sends itself.
    const many = Array.from({ length: 1001 }, (_v, i) => i);
    await se.addScalarMeasurements('self_flushed', many, many.map((i) => pyIso(i / 100)), uid, { buffered: true });
    expect((await se.entitySummary(uid, ['self_flushed'])).self_flushed?.count).toBe(1001);
  });

  it('resolves the touched session by itself for urgent entities', async () => {
    const urgentUid = await se.addSession({ name: 'urgent', resolution: 1 });
    await se.addScalarMeasurements('rpm', [1, 3], [pyIso(0), pyIso(2)], urgentUid, { urgent: true });
    let rpm: unknown[] | undefined;
    for (let i = 0; i < 200 && rpm === undefined; i++) {
      rpm = await se.getFieldData(urgentUid, ['rpm']).then((d) => d.rpm, () => undefined);
      if (rpm === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(rpm).toEqual([1, 2, 3]);
  });

  it('refuses a whole batch naming the bad entity: a malformed time, or a span past MAX_SESSION_LENGTH × resolution', async () => {
    const many = Array.from({ length: 150 }, (_v, i) => ({
      session: uid, timestamp: pyIso(i % 10), entity_id: `bulk_${i}`, entity_name: 'bulk', entity_value: i, entity_type: 'scalar', influence: 'linear_interpolation',
    }));
    many[120] = { ...many[120], timestamp: '2026-13-45T99:00:00Z' } as (typeof many)[number];
    await expect(se.addEntities(many)).rejects.toThrow(/entity_dicts\[120\] \(entity_id bulk_120\): timestamp/);
    await expect(se.addScalarMeasurements('far', [1, 2], [pyIso(0), pyIso(20_000)], uid)).rejects.toBeInstanceOf(EntityBatchError);
    const summary = await se.entitySummary(uid, ['bulk', 'far']);
    expect(summary.bulk?.count).toBe(0);
    expect(summary.far?.count).toBe(0);
  });

  it('adds comments over an interval, and deletes events by name', async () => {
    await se.addComments('pothole', pyIso(2), pyIso(3), uid, wait);
    expect((await se.entitySummary(uid, ['comment'])).comment).toMatchObject({ count: 1, values: ['pothole'] });
    await se.deleteEvents({ sessionUids: [uid], eventNames: ['horn'] }, wait);
    expect((await se.entitySummary(uid, ['horn'])).horn?.count).toBe(0);
  });

  it('slices a session into a new one over part of its span', async () => {
    const slice = await se.sliceSession(uid, pyIso(2), pyIso(5), 'drive 1 slice');
    expect(slice).not.toBe(uid);
    expect(await sessions.getMetadata(slice)).toMatchObject({ session_name: 'drive 1 slice', start_time: expect.stringMatching(/00:00:02/) as unknown, end_time: expect.stringMatching(/00:00:05/) as unknown });
  });
});

describe('timeseries from records and CSV', () => {
  it('addDf: numeric columns become scalars, others point events, lat/lon geolocation; then resolves', async () => {
    const dfUid = await se.addSession({ name: 'df', resolution: 1 });
    await se.updateTimeSpan(dfUid, pyIso(0), pyIso(4));
    await se.addDf([
      { timestamp: pyIso(0), rpm: 1000, mode: 'eco', lat: 48.1, lon: 11.5 },
      { timestamp: pyIso(2), rpm: 3000, mode: 'sport', lat: 48.2, lon: 11.6 },
      { timestamp: pyIso(4), rpm: null, mode: 'eco', lat: 48.3, lon: 11.7 },
    ], dfUid, wait);
    const data = await se.getFieldData(dfUid, ['rpm', 'mode', 'geolocation']);
    expect(data.rpm).toEqual([1000, 2000, 3000, _, _]);
    // Point events hold ±1 resolution; where two overlap, the later one wins.
    expect(data.mode).toEqual(['eco', 'sport', 'sport', 'eco', 'eco']);
    expect(data.geolocation?.every((g) => g !== null)).toBe(true);
    expect(Object.keys(await se.entitySummary(dfUid)).sort()).toEqual(['geolocation', 'mode', 'rpm']);
  });

  it('addTimeseriesCsv: reads the time column (epoch ms) and the chosen columns into the session', async () => {
    const csvUid = await se.addSession({ name: 'csv', resolution: 1 });
    const path = join(tmp, 'can.csv');
    writeFileSync(path, ['timestamp_ms,speed,gear,ignored', ...[0, 1, 2, 3].map((s) => `${(T0 + s) * 1000},${s * 10},${s < 2 ? 'D' : 'N'},x`)].join('\n'));
    await se.addTimeseriesCsv(csvUid, path, { labels: ['speed', 'gear'], ...wait });
    const data = await se.getFieldData(csvUid, ['speed', 'gear']);
    // The point events (±1 s) widen the span to T0-1..T0+4; scalars hold only between their samples.
    expect(data.speed).toEqual([_, 0, 10, 20, 30, _]);
    expect(data.gear).toEqual(['D', 'D', 'N', 'N', 'N', 'N']);
    expect(Object.keys(await se.entitySummary(csvUid)).sort()).toEqual(['gear', 'speed']);
    writeFileSync(join(tmp, 'bad.csv'), 'timestamp,speed\n2026-01-01T00:00:00Z,1\nnot a time,2\n');
    await expect(se.addTimeseriesCsv(csvUid, join(tmp, 'bad.csv'))).rejects.toThrow(/bad\.csv:3: column timestamp: not a time/);
  });
});

describe('deleting sessions', () => {
  it('deletes a session keeping its assets, or with them', async () => {
    const images = se.getAssetManager('images');
    const keep = await se.addSession({ name: 'keep assets' });
    const drop = await se.addSession({ name: 'drop assets' });
    await images.putAssetsBatch([{ metadata: { id: 'kept', session_uid: keep } }, { metadata: { id: 'dropped', session_uid: drop } }]);
    await se.deleteSession(keep, { deleteAssetsContents: false, ...wait });
    await se.deleteSession(drop, wait);
    expect(await sessions.existsMultiple([keep, drop])).toEqual({ [keep]: false, [drop]: false });
    expect(await images.existsMultiple(['kept', 'dropped'])).toEqual({ kept: true, dropped: false });
  });
});
