import { describe, expect, it } from 'vitest';
import { detachAnnotations } from './detachAnnotations';
import { matchesSource } from './removeSourcesJob';

const ann = (id: string, provider: string, labels: string[], extra: Record<string, unknown> = {}) => ({ id, provider, labels, ...extra });

describe('detachAnnotations', () => {
  const media = {
    id: 'img', width: 10, sets: ['s'],
    annotations: ['a1', 'a2', 'a3'],
    annotations_meta: [{ provider: 'coco', id: 'a1', version: null, type: 'polygon' }, { provider: 'det', id: 'a2', version: 'v1', type: 'polygon' }, { provider: 'det', id: 'a3', version: 'v2', type: 'polygon' }],
    aux: { labels: ['car_coco', 'car_det', 'bus_det', 'tree'], labels_det: ['car', 'bus'], weather: 'sunny' },
  };

  it('drops the ids and the labels only the removed annotations contributed', () => {
    const out = detachAnnotations(media, [ann('a2', 'det', ['car', 'bus'])], [ann('a1', 'coco', ['car']), ann('a3', 'det', ['car'])]);
    expect(out.annotations).toEqual(['a1', 'a3']);
    expect((out.annotations_meta as { id: string }[]).map((m) => m.id)).toEqual(['a1', 'a3']);
    // car_det stays (a3 is det and has car); bus_det goes; labels of other origins stay.
    expect(out.aux).toEqual({ labels: ['car_coco', 'car_det', 'tree'], labels_det: ['car'], weather: 'sunny' });
    expect(out).toMatchObject({ id: 'img', width: 10, sets: ['s'] });
  });

  it('removes labels_<provider> when nothing of that provider is left, and keeps empty lists', () => {
    const out = detachAnnotations(media, [ann('a1', 'coco', ['car']), ann('a2', 'det', ['car', 'bus']), ann('a3', 'det', ['car'])], []);
    expect(out).toMatchObject({ annotations: [], annotations_meta: [], aux: { labels: ['tree'], weather: 'sunny' } });
    expect(out.aux).not.toHaveProperty('labels_det');
  });

  it('gives a media asset without annotations fields both lists, empty', () => {
    expect(detachAnnotations({ id: 'x' }, [ann('a', 'p', [])], [])).toEqual({ id: 'x', annotations: [], annotations_meta: [] });
  });
});

describe('matchesSource', () => {
  const doc = { provider: 'coco', version: null, annotation_type: 'polygon', annotation_group: 'ground_truth' };

  it('matches on provider and on each optional key the source gives; null matches a missing value', () => {
    expect(matchesSource(doc, { provider: 'coco' })).toBe(true);
    expect(matchesSource(doc, { provider: 'cvat' })).toBe(false);
    expect(matchesSource(doc, { provider: 'coco', version: null })).toBe(true);
    expect(matchesSource({ ...doc, version: 'v1' }, { provider: 'coco', version: null })).toBe(false);
    expect(matchesSource({ ...doc, version: 'v1' }, { provider: 'coco', version: 'v1', annotation_type: 'polygon' })).toBe(true);
    expect(matchesSource(doc, { provider: 'coco', annotation_group: 'model_generated' })).toBe(false);
  });
});
