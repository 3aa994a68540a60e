import { describe, expect, it } from 'vitest';
import type { BridgeHandlers } from '../../shared/ipc/contract';
import { BridgeFailure, dispatchCommand } from '../../shared/ipc/dispatchCommand';

const seen: unknown[] = [];
const handlers = {
  getItem: async (request: { id: number }) => {
    seen.push(request);
    if (request.id === 404) throw new BridgeFailure('not_found', 'no item 404');
    if (request.id === 500) throw new Error('disk on fire');
    return { id: request.id };
  },
  listItems: async (request: unknown) => {
    seen.push(request);
    return { items: [], total: 0 };
  },
} as unknown as BridgeHandlers;

describe('dispatchCommand', () => {
  it('validates the request, applies defaults and returns the value as data', async () => {
    expect(await dispatchCommand(handlers, 'getItem', { id: 7 })).toEqual({ ok: true, value: { id: 7 } });
    await dispatchCommand(handlers, 'listItems', {});
    expect(seen.at(-1)).toEqual({ offset: 0, limit: 200 });
  });

  it('refuses an invalid request, naming the field, without calling the handler', async () => {
    const before = seen.length;
    expect(await dispatchCommand(handlers, 'getItem', { id: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('getItem: id') } });
    expect(await dispatchCommand(handlers, 'nope', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(seen.length).toBe(before);
  });

  it('turns thrown errors into data with their code', async () => {
    expect(await dispatchCommand(handlers, 'getItem', { id: 404 })).toEqual({ ok: false, error: { code: 'not_found', message: 'no item 404' } });
    expect(await dispatchCommand(handlers, 'getItem', { id: 500 })).toEqual({ ok: false, error: { code: 'failed', message: 'disk on fire' } });
  });
});
