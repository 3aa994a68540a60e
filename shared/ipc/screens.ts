/** The app's screens. The Electron menu navigates by these names; the renderer owns what they show. */
export const SCREENS = ['overview', 'queue', 'sources', 'jobs', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export function isScreen(value: unknown): value is Screen {
  return typeof value === 'string' && (SCREENS as readonly string[]).includes(value);
}
