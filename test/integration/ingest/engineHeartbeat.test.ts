import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineConnection } from '../../../main/services/engine/EngineConnection';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

describe('EngineConnection heartbeat', () => {
  let engine: TestEngine | undefined;
  let connection: EngineConnection | undefined;
  afterEach(async () => {
    connection?.stop();
    await engine?.dispose();
  });

  it('notices an idle engine going away and coming back, with no request of its own', async () => {
    engine = await startTestEngine();
    const target = { url: `http://127.0.0.1:${engine.port}`, token: engine.adminToken };
    connection = new EngineConnection(target, { heartbeatMs: 100, probeTimeoutMs: 1000 });
    expect(await connection.check()).toBe(true);
    connection.startHeartbeat();

    const wentAway = once(connection, 'change');
    await engine.close();
    expect(await wentAway).toEqual([false]);
    expect(connection.online).toBe(false);

    const cameBack = once(connection, 'change');
    engine = await engine.restart();
    expect(await cameBack).toEqual([true]);
    expect(connection.online).toBe(true);
  });
});
