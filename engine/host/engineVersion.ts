/** The engine's version as `/status` and `/auth` report it. */
export const ENGINE_VERSION = '0.1.0';
