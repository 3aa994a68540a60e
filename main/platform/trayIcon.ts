import { drawAppIcon, type Rgb } from './drawAppIcon';
import { encodePng } from './encodePng';
import type { TrayState } from './trayStatus';

/** The tray icon's colour says the state before the tooltip is read. */
export const TRAY_COLORS: Record<TrayState, Rgb> = {
  idle: [37, 99, 235],
  moving: [29, 111, 214],
  paused: [138, 109, 0],
  attention: [198, 40, 40],
  offline: [110, 118, 128],
};

/** A PNG for the tray at `size` pixels (Electron picks the @2x one on dense screens). */
export function trayIconPng(state: TrayState, size: number): Buffer {
  return encodePng(size, size, drawAppIcon(size, TRAY_COLORS[state]));
}
