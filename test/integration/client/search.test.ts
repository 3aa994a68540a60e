import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetManagerClient, SceneEngineClient } from '../../../client/index';
import { NotFoundError, ValidationError } from '../../../client/index';
import { connectClient } from '../../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// Eight images whose fields exercise every part of the search grammar: plain, dotted, list,
// list-of-object, numeric, boolean and time fields, written in the Python (+00:00) and JS (Z) forms.
const IMAGES = [
  { id: 'img_01', sensor: 'cam_front', width: 1920, flag: true, timestamp: '2024-03-01T10:00:00+00:00', tags: ['day', 'urban'], aux: { weather: 'rain', location: { city: 'berlin' } }, annotations_meta: [{ provider: 'coco', type: 'bbox' }] },
  { id: 'img_02', sensor: 'cam_front', width: 1280, flag: false, timestamp: '2024-03-01T11:00:00Z', tags: ['night'], aux: { weather: 'sun' }, annotations_meta: [{ provider: 'coco', type: 'polygon' }, { provider: 'scale', type: 'bbox' }] },
  { id: 'img_03', sensor: 'cam_rear', width: 1920, flag: true, timestamp: '2024-03-01T12:30:00.250+02:00', tags: ['day'], aux: { weather: 'rain', location: { city: 'paris' } } },
  { id: 'img_04', sensor: 'cam_rear', width: 640, flag: false, timestamp: '2024-03-02T09:00:00.000001+00:00', tags: [], aux: { weather: 'fog' } },
  { id: 'img_05', sensor: 'lidar_top', width: 0, flag: true, timestamp: '2024-03-02T10:00:00Z', tags: ['urban'], aux: { weather: 'sun', location: { city: 'berlin' } } },
  { id: 'img_06', sensor: 'cam_front', width: 3840, flag: true, timestamp: '2024-03-03T10:00:00Z', tags: ['day', 'highway'], aux: { weather: 'sun' } },
  { id: 'img_07', sensor: 'cam_side', flag: false, timestamp: '2024-03-04T10:00:00Z', aux: { weather: 'rain' } },
  { id: 'img_08', sensor: 'cam_side', width: 1920, flag: true, timestamp: '2024-03-05T10:00:00Z', tags: ['night', 'urban'], aux: {} },
];

let engine: TestEngine;
let se: SceneEngineClient;
let am: AssetManagerClient;

beforeAll(async () => {
  engine = await startTestEngine();
  se = connectClient(engine).client;
  am = se.getAssetManager('images');
  await am.putAssetsBatch(IMAGES.map((metadata) => ({ metadata })));
});
afterAll(async () => engine.dispose());

const ids = (search: Parameters<AssetManagerClient['searchAssets']>[0]) => am.searchAssets(search, { size: 100 });

describe('filters', () => {
  it('ORs the values of one filter and ANDs filters', async () => {
    expect(await ids({ filters: [{ field: 'sensor', values: ['cam_front', 'cam_rear'] }] })).toEqual(['img_01', 'img_02', 'img_03', 'img_04', 'img_06']);
    expect(await ids({ filters: [{ field: 'sensor', values: ['cam_front', 'cam_rear'] }, { field: 'aux.weather', values: ['rain'] }] })).toEqual(['img_01', 'img_03']);
  });

  it('excludes with filter_out, and a filter_out on an unknown field excludes nothing', async () => {
    expect(await ids({ filters: [{ field: 'aux.weather', values: ['rain', 'sun'], filter_out: true }] })).toEqual(['img_04', 'img_08']);
    expect(await ids({ filters: [{ field: 'no_such_field', values: ['x'], filter_out: true }] })).toHaveLength(8);
    expect(await ids({ filters: [{ field: 'no_such_field', values: ['x'] }] })).toEqual([]);
  });

  it('matches list fields, lists of objects, dotted paths and `.keyword` twins', async () => {
    expect(await ids({ filters: [{ field: 'tags', values: ['urban'] }] })).toEqual(['img_01', 'img_05', 'img_08']);
    expect(await ids({ filters: [{ field: 'annotations_meta.provider', values: ['scale'] }] })).toEqual(['img_02']);
    expect(await ids({ filters: [{ field: 'aux.location.city.keyword', values: ['berlin'] }] })).toEqual(['img_01', 'img_05']);
  });

  it('treats a number and its text alike, booleans as true/false, and an empty value list as no match', async () => {
    expect(await ids({ filters: [{ field: 'width', values: ['1920'] }] })).toEqual(['img_01', 'img_03', 'img_08']);
    expect(await ids({ filters: [{ field: 'width', values: [1920] }] })).toEqual(['img_01', 'img_03', 'img_08']);
    expect(await ids({ filters: [{ field: 'flag', values: [false] }] })).toEqual(['img_02', 'img_04', 'img_07']);
    expect(await ids({ filters: [{ field: 'id', values: [] }] })).toEqual([]);
    expect(await ids({ filters: [{ field: 'id', values: ['img_03', 'img_99', 'IMG-05'] }] })).toEqual(['img_03']);
  });

  it('keeps assets having a field (or anything below an object) with exists_filters', async () => {
    expect(await ids({ exists_filters: [{ field: 'aux.location' }] })).toEqual(['img_01', 'img_03', 'img_05']);
    expect(await ids({ exists_filters: [{ field: 'annotations_meta' }, { field: 'width' }] })).toEqual(['img_01', 'img_02']);
    expect(await ids({ exists_filters: [{ field: 'missing' }] })).toEqual([]);
  });
});

describe('times and ranges', () => {
  it('bounds timestamp with time_range, comparing instants whatever the offset', async () => {
    // img_03 is 12:30+02:00 = 10:30Z, so it falls before img_02 (11:00Z).
    expect(await ids({ time_range: { start_time: '2024-03-01T10:15:00Z', end_time: '2024-03-01T11:00:00+00:00' } })).toEqual(['img_02', 'img_03']);
    expect(await ids({ time_range: { start_time: '2024-03-04T00:00:00Z' } })).toEqual(['img_07', 'img_08']);
  });

  it('bounds numbers and times with the ranges extension, inclusive and open-ended', async () => {
    expect(await ids({ ranges: [{ field: 'width', min: 1280, max: 1920 }] })).toEqual(['img_01', 'img_02', 'img_03', 'img_08']);
    expect(await ids({ ranges: [{ field: 'width', min: 1921 }] })).toEqual(['img_06']);
    expect(await ids({ ranges: [{ field: 'width', max: 640 }] })).toEqual(['img_04', 'img_05']);
    expect(await ids({ ranges: [{ field: 'timestamp', max: '2024-03-01T10:00:00Z' }] })).toEqual(['img_01']);
  });
});

describe('sorting and paging', () => {
  it('sorts by a field both ways, ties by id, documents without the field last', async () => {
    const asc = await am.searchAssets({}, { size: 100, sortField: 'width', sortOrder: 'asc' });
    expect(asc).toEqual(['img_05', 'img_04', 'img_02', 'img_01', 'img_03', 'img_08', 'img_06', 'img_07']);
    const desc = await am.searchAssets({}, { size: 100, sortField: 'width', sortOrder: 'desc' });
    expect(desc).toEqual(['img_06', 'img_08', 'img_03', 'img_01', 'img_02', 'img_04', 'img_05', 'img_07']);
  });

  it('pages with size and offset, and with search_after on a sort field', async () => {
    expect(await am.searchAssets({}, { size: 3, offset: 2 })).toEqual(['img_03', 'img_04', 'img_05']);
    const first = await am.searchAssets({}, { size: 3, sortField: 'width', sortOrder: 'desc' });
    const next = await am.searchAssets({}, { size: 3, sortField: 'width', sortOrder: 'desc', searchAfter: first[first.length - 1] });
    const last = await am.searchAssets({}, { size: 3, sortField: 'width', sortOrder: 'desc', searchAfter: next[next.length - 1] });
    expect([...first, ...next, ...last]).toEqual(['img_06', 'img_08', 'img_03', 'img_01', 'img_02', 'img_04', 'img_05', 'img_07']);
  });

  it('refuses a bad sort order with 400', async () => {
    await expect(am.searchAssets({}, { sortOrder: 'up' as 'asc' })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('meta search and projections', () => {
  it('returns documents projected to source_selected_fields, id always kept, also gzip-compressed', async () => {
    const docs = await am.searchMeta({ filters: [{ field: 'sensor', values: ['cam_rear'] }], source_selected_fields: ['aux.location.city', 'width'] });
    expect(docs).toEqual([{ id: 'img_03', width: 1920, aux: { location: { city: 'paris' } } }, { id: 'img_04', width: 640 }]);
    const compressed = await am.searchMeta({ filters: [{ field: 'sensor', values: ['cam_rear'] }] }, { compress: true });
    expect(compressed.map((d) => d.id)).toEqual(['img_03', 'img_04']);
    expect(compressed[0]).toMatchObject({ aux: { weather: 'rain' }, tags: ['day'] });
  });

  it('answers in SceneEngine shapes on /v1: a bare id list and a bare document list', async () => {
    expect(await se.searchAssets('images', { filters: [{ field: 'tags', values: ['night'] }] })).toEqual(['img_02', 'img_08']);
    expect(await se.searchAssets('images', {}, { size: 2, offset: 1 })).toEqual(['img_02', 'img_03']);
    const docs = await se.searchMeta('images', { filters: [{ field: 'aux.weather', values: ['fog'] }] });
    expect(docs).toEqual([expect.objectContaining({ id: 'img_04', sensor: 'cam_rear', width: 640 })]);
    expect((await se.searchMeta('images', {}, { size: 3, sortField: 'timestamp', sortOrder: 'desc' })).map((d) => d.id)).toEqual(['img_08', 'img_07', 'img_06']);
  });

  it('reads one document on both servers; another type or id is 404', async () => {
    expect(await se.getMetadata('img_05', 'images')).toMatchObject({ id: 'img_05', sensor: 'lidar_top', aux: { location: { city: 'berlin' } } });
    expect(await am.getMetadata('IMG-05')).toMatchObject({ id: 'img_05' });
    await expect(se.getMetadata('img_05', 'videos')).rejects.toBeInstanceOf(NotFoundError);
    await expect(se.getMetadata('img_99', 'images')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('counts, summaries and aggregations', () => {
  it('counts on both servers', async () => {
    expect(await se.count('images')).toBe(8);
    expect(await se.count('images', { filters: [{ field: 'flag', values: [true] }] })).toBe(5);
    expect(await am.count({ filters: [{ field: 'sensor', values: ['cam_front'] }] })).toBe(3);
    expect(await se.count('videos')).toBe(0);
  });

  it('summarizes dimensions and nested dimensions, busiest bucket first, capped by max_size_for_agg', async () => {
    const summary = await se.summaryMeta('images', { search: { filters: [{ field: 'flag', values: [true] }] }, dimensions: ['sensor', 'tags'], nested_dimensions: ['annotations_meta.provider'] });
    expect(summary.total).toBe(5);
    expect(summary.aggregations).toEqual([
      { dimension: 'sensor', buckets: [{ key: 'cam_front', doc_count: 2 }, { key: 'cam_rear', doc_count: 1 }, { key: 'cam_side', doc_count: 1 }, { key: 'lidar_top', doc_count: 1 }] },
      { dimension: 'tags', buckets: [{ key: 'day', doc_count: 3 }, { key: 'urban', doc_count: 3 }, { key: 'highway', doc_count: 1 }, { key: 'night', doc_count: 1 }] },
      { dimension: 'annotations_meta.provider', buckets: [{ key: 'coco', doc_count: 1 }] },
    ]);
    const capped = await am.summaryMeta({ dimensions: ['aux.weather'], max_size_for_agg: 2 });
    expect(capped).toEqual({ total: 8, aggregations: [{ dimension: 'aux.weather', buckets: [{ key: 'rain', doc_count: 3 }, { key: 'sun', doc_count: 3 }] }] });
  });

  it('sums, averages and counts distinct values, within a search', async () => {
    expect(await am.sum('width')).toBe(1920 + 1280 + 1920 + 640 + 0 + 3840 + 1920);
    expect(await am.average('width', { filters: [{ field: 'sensor', values: ['cam_rear'] }] })).toBe((1920 + 640) / 2);
    expect(await am.cardinality('width')).toBe(5);
    expect(await am.cardinality('sensor.keyword', { filters: [{ field: 'flag', values: [true] }] })).toBe(4);
    expect(await am.sum('no_such_field')).toBeNull();
    expect(await am.cardinality('no_such_field')).toBe(0);
  });
});

describe('fields and statistics', () => {
  it('lists searchable fields with their types on both servers', async () => {
    const fields = Object.fromEntries((await se.getSearchableFields('images')).map((f) => [f.field, f.type]));
    expect(fields).toMatchObject({ width: 'number', timestamp: 'time', flag: 'boolean', sensor: 'text', 'aux.location.city': 'text', 'annotations_meta.provider': 'text' });
    expect((await am.getAllSearchFields()).map((f) => f.field)).toEqual(Object.keys(fields));
    expect(await se.getResponseModel('images')).toMatchObject({ asset_type: 'images', fields: { width: 'number' } });
  });

  it('reports min, max and count per field', async () => {
    const stats = await se.getSearchableFieldStatistics('images');
    expect(stats.width).toEqual({ min: 0, max: 3840, count: 7 });
    expect(stats.timestamp?.count).toBe(8);
    expect(await am.getStatistics(['width', 'sensor'])).toEqual({ width: { min: 0, max: 3840, count: 7 }, sensor: { min: 'cam_front', max: 'lidar_top', count: 8 } });
  });
});

describe('comments', () => {
  it('adds, reads and deletes comments on several assets', async () => {
    const ack = await se.addCommentToAssets('images', ['img_01', 'IMG-02'], 'blurry');
    expect(ack.ids).toEqual(['img_01', 'img_02']);
    await se.addCommentToAssets('images', ['img_01'], 'check labels');
    const comments = await se.getComments('images', ['img_01', 'img_02', 'img_03', 'img_99']);
    expect(Object.keys(comments).sort()).toEqual(['img_01', 'img_02', 'img_03']);
    expect(comments.img_01?.map((c) => c.comment)).toEqual(['blurry', 'check labels']);
    expect(comments.img_01?.[0]?.user).toBe('admin');
    expect(comments.img_03).toEqual([]);
    await se.deleteCommentFromAssets('images', ['img_01', 'img_02'], 'blurry');
    const after = await se.getComments('images', ['img_01', 'img_02']);
    expect(after.img_01?.map((c) => c.comment)).toEqual(['check labels']);
    expect(after.img_02).toEqual([]);
    expect(await ids({ filters: [{ field: 'comments.comment', values: ['check labels'] }] })).toEqual(['img_01']);
  });

  it('refuses a comment on a missing asset and leaves the others untouched', async () => {
    await expect(se.addCommentToAssets('images', ['img_05', 'img_99'], 'nope')).rejects.toBeInstanceOf(NotFoundError);
    expect((await se.getComments('images', ['img_05'])).img_05).toEqual([]);
  });
});
