import { describe, expect, it } from 'vitest';
import { forwardEvents } from '../../../main/ipc/forwardEvents';
import { drawAppIcon } from '../../../main/platform/drawAppIcon';
import { encodePng } from '../../../main/platform/encodePng';
import { TRAY_COLORS, trayIconPng } from '../../../main/platform/trayIcon';
import { EVENT_NAMES } from '../../../shared/ipc/contract';
import { EventHub } from '../../../shared/ipc/EventHub';
import { decodePng } from '../../helpers/decodePng';
import { itemViewFixture } from '../../helpers/itemViewFixture';

describe('icons', () => {
  it('encodes RGBA pixels into a PNG that decodes to the same pixels', () => {
    const pixels = drawAppIcon(24, [10, 20, 30]);
    const png = encodePng(24, 24, pixels);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const decoded = decodePng(png);
    expect(decoded.width).toBe(24);
    expect(decoded.rgba.equals(Buffer.from(pixels))).toBe(true);
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow(/needs 16 bytes/);
  });

  it('draws the mark: transparent corners, the state colour at the edge, white in the middle', () => {
    const size = 64;
    const { rgba } = decodePng(trayIconPng('attention', size));
    const at = (x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(8, 32)).toEqual([...TRAY_COLORS.attention, 255]);
    expect(at(32, 20)).toEqual([255, 255, 255, 255]);
  });
});

describe('forwardEvents', () => {
  it('sends every event of the contract on its scenedock: channel, and stops on undo', () => {
    const hub = new EventHub();
    const sent: Array<[string, unknown]> = [];
    const undo = forwardEvents(hub, (channel, payload) => sent.push([channel, payload]));
    expect(EVENT_NAMES.every((e) => hub.listenerCount(e) === 1)).toBe(true);
    const item = itemViewFixture({ id: 3 });
    hub.emit('itemChanged', item);
    expect(sent).toEqual([['scenedock:itemChanged', item]]);
    undo();
    hub.emit('itemChanged', item);
    expect(sent).toHaveLength(1);
    expect(EVENT_NAMES.every((e) => hub.listenerCount(e) === 0)).toBe(true);
  });
});
