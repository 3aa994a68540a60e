import { SceneEngineClient, type HttpEvent } from '../../client/index';
import type { TestEngine } from './startTestEngine';

export interface ConnectedClient {
  client: SceneEngineClient;
  /** Every request the client made, in order (URLs without secrets). */
  requests: HttpEvent[];
}

/** A SceneEngineClient on a test engine with its admin token, recording its requests. */
export function connectClient(engine: TestEngine, authToken: string = engine.adminToken): ConnectedClient {
  const requests: HttpEvent[] = [];
  const client = new SceneEngineClient({ authToken, sceneEngineUrl: engine.url, onResponse: (e) => requests.push(e) });
  return { client, requests };
}
