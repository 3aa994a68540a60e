import { z } from 'zod';
import { ITEM_STATES } from '../ingest/itemStates';
import type { Screen } from './screens';
import {
  itemDetailSchema, itemViewSchema, jobViewSchema, overviewSchema, previewSchema, settingsViewSchema, sourceDefaultsSchema,
  sourceViewSchema, THEMES,
} from './viewModels';

// The one contract between the UI and the services: every command with the schema of its request
// and of its response, and every event pushed to the UI. Electron's main process and the headless
// agent's WebSocket bridge both validate requests with these schemas; the renderer validates what
// comes back. Nothing else crosses.

const itemId = z.object({ id: z.number().int().positive() });
const empty = z.object({}).strict();
const ack = z.object({ ok: z.literal(true) });

export const COMMANDS = {
  getOverview: { request: empty, response: overviewSchema },
  listItems: {
    request: z.object({
      states: z.array(z.enum(ITEM_STATES)).optional(),
      search: z.string().max(500).optional(),
      /** Item kinds (shared/ingest FILE_KINDS: `ros1_bag`, `mcap`, ...); the Jobs screen lists recordings with it. */
      kinds: z.array(z.string().min(1).max(50)).max(20).optional(),
      /** Row offset in the filtered list (the virtual list asks for the window it shows). */
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(2000).default(200),
    }),
    response: z.object({ items: z.array(itemViewSchema), total: z.number().int() }),
  },
  getItem: { request: itemId, response: itemDetailSchema },
  retryItem: { request: itemId, response: itemViewSchema },
  pauseItem: { request: itemId, response: itemViewSchema },
  resumeItem: { request: itemId, response: itemViewSchema },
  /** Stops an item for good (it stays in the journal as failed, "cancelled by the user"). */
  cancelItem: { request: itemId, response: itemViewSchema },
  pauseAll: { request: empty, response: ack },
  resumeAll: { request: empty, response: ack },

  listSources: { request: empty, response: z.array(sourceViewSchema) },
  addWatchFolder: { request: z.object({ path: z.string().min(1), defaults: sourceDefaultsSchema }), response: sourceViewSchema },
  updateSource: { request: z.object({ id: z.number().int(), defaults: sourceDefaultsSchema }), response: sourceViewSchema },
  removeSource: { request: z.object({ id: z.number().int() }), response: ack },
  /** Files and folders dropped on the app (paths on this machine; the browser stages bytes first). */
  dropPaths: {
    request: z.object({ paths: z.array(z.string().min(1)).min(1).max(10_000), defaults: sourceDefaultsSchema }),
    response: z.object({ queued: z.number().int(), missing: z.array(z.object({ path: z.string(), reason: z.string() })) }),
  },

  getPreview: { request: itemId, response: previewSchema },

  listJobs: { request: empty, response: z.array(jobViewSchema) },
  /** Indexes an uploaded recording (ROS 1/2 bag, MCAP, recording folder) now. */
  startIndexing: { request: itemId, response: jobViewSchema },

  getSettings: { request: empty, response: settingsViewSchema },
  updateSettings: {
    request: z.object({
      engineMode: z.enum(['embedded', 'remote']).optional(),
      engineUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
      /** Write-only: stored encrypted where the platform allows; never sent back. */
      engineToken: z.string().min(1).max(4096).optional(),
      concurrency: z.number().int().min(1).max(32).optional(),
      partSize: z.number().int().min(5 * 1024 * 1024).max(1024 * 1024 * 1024).optional(),
      bandwidthLimit: z.number().int().min(0).optional(),
      theme: z.enum(THEMES).optional(),
    }),
    response: settingsViewSchema,
  },
  /** A native folder picker (desktop only; the agent answers null and the UI asks for a typed path). */
  pickFolder: { request: empty, response: z.object({ path: z.string().nullable() }) },
} as const;

export const EVENTS = {
  overview: overviewSchema,
  itemChanged: itemViewSchema,
  jobChanged: jobViewSchema,
  sourcesChanged: z.array(sourceViewSchema),
  settingsChanged: settingsViewSchema,
} as const;

export type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;
export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

/** Errors cross as data, never as thrown exceptions (a thrown error loses its shape across IPC). */
export interface BridgeError {
  code: 'invalid_request' | 'not_found' | 'unavailable' | 'failed';
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** What the renderer calls: one named function per command, plus event subscription. */
export type BridgeApi = {
  [K in CommandName]: (request: CommandRequest<K>) => Promise<Result<CommandResponse<K>>>;
} & {
  subscribe<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
};

/** What the services implement: one handler per command, receiving the validated request. */
export type BridgeHandlers = {
  [K in CommandName]: (request: z.output<Commands[K]['request']>) => Promise<CommandResponse<K>>;
};

/** Where events come from on the services' side; both transports subscribe here and forward. */
export interface BridgeEventSource {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/**
 * What the Electron preload adds to the bridge. Since Electron 32 a dropped `File` no longer
 * carries its path; only the preload's `webUtils.getPathForFile` can tell it. Generic over the
 * file type because shared/ has no DOM types.
 */
export interface DesktopExtras<F> {
  pathForFile(file: F): string;
  /** The application menu's navigation items (Ctrl+1..5); the renderer decides what a screen shows. */
  onNavigate(handler: (screen: Screen) => void): () => void;
}

/** Channel of the menu's navigation messages (main → renderer only). */
export const NAVIGATE_CHANNEL = 'scenedock:navigate';

/** Channel names on Electron's IPC: a prefix no other code uses. */
export const ipcChannel = (name: CommandName | EventName): string => `scenedock:${name}`;
