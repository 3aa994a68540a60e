import { organizeWire } from '../../shared/wire/organizeWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';

export interface NewSession {
  name: string;
  sessionType?: 'rosbags' | 'videos' | 'generic';
  auxMetadata?: Record<string, unknown>;
  status?: 'ready' | 'in progress';
  setId?: string;
  resolution?: number;
}

/** Entities are sent in chunks of this many, as the Python client does. */
const ENTITY_CHUNK = 100;

/** Sessions and their entities (SceneEngine, wire protocol §1.5). */
export const sessionsApi = {
  /** Creates a session, or answers the uid of the session that already has this name. */
  add: async (http: SceneBoxHttp, session: NewSession): Promise<string> => (await http.post('/v1/sessions/add/', {
    schema: organizeWire.createdSession,
    body: {
      session_name: session.name, session_type: session.sessionType ?? 'generic', session_aux_metadata: session.auxMetadata ?? {},
      status: session.status ?? 'ready',
      ...(session.setId ? { set_id: session.setId } : {}),
      ...(session.resolution !== undefined ? { resolution: session.resolution } : {}),
    },
  })).session_uid,

  addEntities: async (http: SceneBoxHttp, entities: readonly Record<string, unknown>[], urgent = false): Promise<void> => {
    for (let i = 0; i < entities.length; i += ENTITY_CHUNK) {
      await http.post('/v1/session_manager/add_entities/', { schema: organizeWire.ack, query: { urgent }, body: { entity_dicts: entities.slice(i, i + ENTITY_CHUNK) } });
    }
  },
};
