// Entry shell of the desktop app (bundled to out/main/index.mjs): the lifecycle lives in
// runDesktop, the services in startDesktopServices.
import { runDesktop } from './runDesktop';
import { startDesktopServices } from './startDesktopServices';

void runDesktop(startDesktopServices);
