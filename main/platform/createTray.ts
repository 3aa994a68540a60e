import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { Overview } from '../../shared/ipc/viewModels';
import type { BatchOutcome } from './BatchTracker';
import { trayIconPng } from './trayIcon';
import { trayStatus, type TrayState } from './trayStatus';

export interface TrayActions {
  show(): void;
  pauseAll(): void;
  resumeAll(): void;
  quit(): void;
}

export interface AppTray {
  update(overview: Overview, lastOutcome: BatchOutcome | undefined): void;
  destroy(): void;
}

/** The tray icon: its colour is the state, its tooltip the numbers, its menu the few things worth a click. */
export function createTray(actions: TrayActions): AppTray {
  const icons = new Map<TrayState, NativeImage>();
  const icon = (state: TrayState): NativeImage => {
    let image = icons.get(state);
    if (!image) {
      image = nativeImage.createFromBuffer(trayIconPng(state, 16));
      image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(state, 32) });
      icons.set(state, image);
    }
    return image;
  };
  const tray = new Tray(icon('idle'));
  tray.setToolTip('SceneDock');
  tray.on('click', () => actions.show());
  let paused = false;
  const menu = () => Menu.buildFromTemplate([
    { label: 'Show SceneDock', click: () => actions.show() },
    paused ? { label: 'Resume uploads', click: () => actions.resumeAll() } : { label: 'Pause uploads', click: () => actions.pauseAll() },
    { type: 'separator' },
    { label: 'Quit SceneDock', click: () => actions.quit() },
  ]);
  tray.setContextMenu(menu());
  let lastState: TrayState | undefined;
  return {
    update(overview, lastOutcome) {
      const status = trayStatus(overview, lastOutcome);
      if (status.state !== lastState) tray.setImage(icon(status.state));
      lastState = status.state;
      tray.setToolTip(status.tooltip);
      if (overview.paused !== paused) {
        paused = overview.paused;
        tray.setContextMenu(menu());
      }
    },
    destroy: () => tray.destroy(),
  };
}
