import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetManagerClient, HttpEvent, SceneEngineClient } from '../../../client/index';
import { newAssetId } from '../../../client/index';
import { connectClient } from '../../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

const TOTAL = 12_000;

let engine: TestEngine;
let se: SceneEngineClient;
let requests: HttpEvent[];
let images: AssetManagerClient;
let expected: string[];

beforeAll(async () => {
  engine = await startTestEngine();
  ({ client: se, requests } = connectClient(engine));
  images = se.getAssetManager('images');
  const items = Array.from({ length: TOTAL }, (_, n) => ({ metadata: { id: newAssetId(), n, parity: n % 2 === 0 ? 'even' : 'odd' } }));
  await images.putAssetsBatch(items);
  expected = items.map((i) => String(i.metadata.id)).sort();
}, 120_000);
afterAll(async () => engine.dispose());

const searches = (path: string) => requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname.endsWith(path));

describe(`search_after paging over ${TOTAL} assets`, () => {
  it('iterates every id once, in id order, ending only on an empty page', async () => {
    requests.length = 0;
    expect(await images.searchAssetsLarge()).toEqual(expected);
    // 5000 + 5000 + 2000, then the empty page that ends the loop.
    const pages = searches('/assets');
    expect(pages).toHaveLength(4);
    expect(pages.map((p) => new URL(p.url).searchParams.has('search_after'))).toEqual([false, true, true, true]);
    expect(new URL(pages[3]?.url ?? '').searchParams.get('search_after')).toBe(expected[TOTAL - 1]);
  });

  it('asks for one more page after a run of full pages', async () => {
    requests.length = 0;
    expect(await images.searchAssetsLarge({}, { pageSize: 4000 })).toHaveLength(TOTAL);
    expect(searches('/assets')).toHaveLength(4);
  });

  it('pages a filtered search the same way', async () => {
    requests.length = 0;
    const even: string[] = [];
    for await (const id of images.assetsIterator({ filters: [{ field: 'parity', values: ['even'] }] }, { pageSize: 1500 })) even.push(id);
    expect(even).toHaveLength(TOTAL / 2);
    expect(even).toEqual([...even].sort());
    expect(searches('/assets')).toHaveLength(5);
    const ranged = await images.searchAssetsLarge({ ranges: [{ field: 'n', min: 100, max: 5099 }] });
    expect(ranged).toHaveLength(5000);
  });

  it('pages documents with search_after = the last id, projected', async () => {
    requests.length = 0;
    const docs = await images.searchMetaLarge({}, { sourceSelectedFields: ['n'] });
    expect(docs.map((d) => d.id)).toEqual(expected);
    expect(Object.keys(docs[0] ?? {}).sort()).toEqual(['id', 'n']);
    expect(searches('/assets/meta')).toHaveLength(4);
  });

  it("SceneEngine's search pages like the Python client: until a short page", async () => {
    requests.length = 0;
    expect(await se.searchAssets('images')).toEqual(expected);
    const pages = searches('/v1/images');
    expect(pages).toHaveLength(3);
    expect(new URL(pages[0]?.url ?? '').searchParams.toString()).toBe('size=5000&offset=0&scan=false&sort_field=id&sort_order=asc');
  });

  it('counts and pages by offset consistently with the full listing', async () => {
    expect(await images.count()).toBe(TOTAL);
    expect(await se.count('images', { filters: [{ field: 'parity', values: ['odd'] }] })).toBe(TOTAL / 2);
    expect(await images.searchAssets({}, { size: 10, offset: 9995 })).toEqual(expected.slice(9995, 10_005));
    expect(await images.searchAssets({}, { size: 3, sortOrder: 'desc' })).toEqual(expected.slice(-3).reverse());
  });
});
