import type { SESSION_STATUSES, SESSION_TYPES } from '../../shared/scenebox/constants';
import type { WireDoc } from '../../shared/wire/searchWire';
import { organizeWire } from '../../shared/wire/organizeWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { pathSegment } from '../http/pathSegment';
import type { SearchQueryInput } from '../search/SearchOptions';
import { sessionWire, type WireEntitySummary, type WireIntervals } from './sessionWire';

export interface NewSession {
  name: string;
  sessionType?: (typeof SESSION_TYPES)[number];
  auxMetadata?: Record<string, unknown>;
  status?: (typeof SESSION_STATUSES)[number];
  setId?: string;
  resolution?: number;
}

export interface TimeRange {
  startTime?: string;
  endTime?: string;
}

export interface DeleteEvents extends TimeRange {
  sessionUids: readonly string[];
  eventNames: readonly string[];
}

/** Entities are sent in chunks of this many, as the Python client does. */
export const ENTITY_CHUNK = 100;
const SM = '/v1/session_manager';
const uidPath = (prefix: string, uid: string, rest = ''): string => `${prefix}/${pathSegment(uid)}${rest}`;

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

  /** A new session holding the part of this one in [start, end]; answers its uid. */
  slice: async (http: SceneBoxHttp, uid: string, startTime: string, endTime: string, name?: string): Promise<string> =>
    (await http.post(uidPath('/v1/sessions', uid, '/slice/'), {
      schema: organizeWire.createdSession, body: { start_time: startTime, end_time: endTime, ...(name ? { session_name: name } : {}) },
    })).session_uid,

  updateTimeSpan: async (http: SceneBoxHttp, uid: string, start: string, end: string): Promise<WireDoc> =>
    http.post('/v1/sessions/update_time_span/', { schema: sessionWire.doc, body: { session_uid: uid, session_start_time: start, session_end_time: end } }),

  addSourceData: async (http: SceneBoxHttp, uid: string, sourceData: readonly Record<string, unknown>[], sensors: readonly Record<string, unknown>[], replace = true): Promise<WireDoc> =>
    http.post('/v1/sessions/add_source_data/', { schema: sessionWire.doc, body: { session_uid: uid, source_data: sourceData, sensors, replace } }),

  addAuxiliaryData: async (http: SceneBoxHttp, uid: string, auxiliaryData: readonly Record<string, unknown>[], replace = true): Promise<WireDoc> =>
    http.post('/v1/sessions/add_auxiliary_data/', { schema: sessionWire.doc, body: { session_uid: uid, auxiliary_data: auxiliaryData, replace } }),

  addEnrichmentsConfigs: async (http: SceneBoxHttp, uid: string, configs: readonly Record<string, unknown>[], replace = true): Promise<WireDoc> =>
    http.post('/v1/sessions/add_enrichments_configs/', { schema: sessionWire.doc, body: { session_uid: uid, enrichments_configs: configs, replace } }),

  /** One request per chunk of 100; a refused chunk stops the rest (the engine stores a chunk all or nothing). */
  addEntities: async (http: SceneBoxHttp, entities: readonly Record<string, unknown>[], urgent = false): Promise<void> => {
    for (let i = 0; i < entities.length; i += ENTITY_CHUNK) {
      await http.post(`${SM}/add_entities/`, { schema: organizeWire.ack, query: { urgent }, body: { entity_dicts: entities.slice(i, i + ENTITY_CHUNK) } });
    }
  },

  resolve: async (http: SceneBoxHttp, uid: string, resolution?: number): Promise<string> =>
    (await http.post(uidPath(`${SM}/resolve_session`, uid), { schema: organizeWire.jobId, query: { resolution } })).job_id,

  resolutionStatus: async (http: SceneBoxHttp, uid: string): Promise<string> =>
    (await http.get(uidPath(`${SM}/resolution_status`, uid), { schema: sessionWire.resolutionStatus })).status,

  /** Per resolved session, the intervals where the search holds. */
  search: async (http: SceneBoxHttp, search: SearchQueryInput = {}): Promise<WireIntervals> =>
    http.post(`${SM}/search/`, { schema: sessionWire.intervals, body: search }),

  /** Values of the fields (`*` for all) at each index of the session where the search holds. */
  fieldData: async (http: SceneBoxHttp, uid: string, fields: readonly string[], search: SearchQueryInput = {}): Promise<Record<string, unknown[]>> =>
    http.post(uidPath(`${SM}/field_data`, uid), { schema: sessionWire.fieldData, body: { search_dic: search, session_fields: fields } }),

  entitySummary: async (http: SceneBoxHttp, uid: string, names?: readonly string[], range: TimeRange = {}): Promise<WireEntitySummary> =>
    http.post(uidPath(`${SM}/entity_summary`, uid), {
      schema: sessionWire.entitySummary,
      body: { entity_names: names ?? null, start_time: range.startTime ?? null, end_time: range.endTime ?? null },
    }),

  addComments: async (http: SceneBoxHttp, uid: string, texts: readonly string[], startTime: string, endTime: string): Promise<string> =>
    (await http.post(uidPath('/v1/sessions', uid, '/comments'), { schema: organizeWire.jobId, body: { intervals: [{ start_time: startTime, end_time: endTime }], texts } })).job_id,

  delete: async (http: SceneBoxHttp, uid: string, deleteAssetsContents: boolean): Promise<string> =>
    (await http.delete(uidPath(`${SM}/delete_session`, uid), { schema: organizeWire.jobId, query: { delete_assets_contents: deleteAssetsContents } })).job_id,

  deleteEvents: async (http: SceneBoxHttp, request: DeleteEvents): Promise<string> =>
    (await http.delete(`${SM}/delete_event`, {
      schema: organizeWire.jobId,
      body: { session_uids: request.sessionUids, event_names: request.eventNames, start_time: request.startTime ?? null, end_time: request.endTime ?? null },
    })).job_id,
};
