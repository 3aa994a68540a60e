import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeStagedPath, UnsafeNameError } from '../../../main/agent/safeStagedPath';

const staging = resolve('/tmp/stage-root');

describe('safeStagedPath', () => {
  it('places a dropped file, and a file inside a dropped folder, under the batch folder', () => {
    expect(safeStagedPath(staging, 'b1', 'scan.pcd')).toEqual({ file: join(staging, 'b1', 'scan.pcd'), root: join(staging, 'b1', 'scan.pcd') });
    expect(safeStagedPath(staging, 'b1', 'drive/lidar/0001.pcd')).toEqual({ file: join(staging, 'b1', 'drive', 'lidar', '0001.pcd'), root: join(staging, 'b1', 'drive') });
    expect(safeStagedPath(staging, 'b1', 'prise de vue/été.jpg').file).toBe(join(staging, 'b1', 'prise de vue', 'été.jpg'));
  });

  it.each([
    ['../escape.txt'], ['a/../../escape.txt'], ['/etc/passwd'], ['a\\..\\..\\x'], ['C:\\Windows\\x'], ['a//b'], ['./a'],
    ['nul\u0000byte'], ['new\nline'], ['x'.repeat(256)], [''],
  ])('refuses %j', (name) => {
    expect(() => safeStagedPath(staging, 'b1', name)).toThrow(UnsafeNameError);
  });

  it('refuses a batch id that could name a path', () => {
    expect(() => safeStagedPath(staging, '../b', 'a.txt')).toThrow(/batch/);
    expect(() => safeStagedPath(staging, '', 'a.txt')).toThrow(/batch/);
  });
});
