import { describe, expect, it } from 'vitest';
import { zipEntryName } from './zipEntryName';

describe('zipEntryName', () => {
  it('keeps ordinary names and joins pieces as folders', () => {
    expect(zipEntryName(['images', 'img_01.png'], new Set())).toBe('images/img_01.png');
  });

  it('never yields an absolute path, a parent reference or a drive', () => {
    const used = new Set<string>();
    const hostile = [['..', 'etc', 'passwd'], ['/abs/path'], ['C:\\windows\\x'], ['a/../../b'], ['.'], [''], ['x\u0000y'], ['..\\..\\z']];
    for (const pieces of hostile) {
      const name = zipEntryName(pieces, used);
      expect(name.startsWith('/')).toBe(false);
      expect(name.split('/')).not.toContain('..');
      expect(name.split('/')).not.toContain('.');
      expect(name).not.toMatch(/^[A-Za-z]:/);
      expect(name.includes('\\') || name.includes('\u0000')).toBe(false);
      expect(name.split('/').length).toBe(pieces.length);
    }
  });

  it('makes names unique, ignoring case, before the extension', () => {
    const used = new Set<string>();
    expect(zipEntryName(['metadata', 'a.json'], used)).toBe('metadata/a.json');
    expect(zipEntryName(['metadata', 'A.json'], used)).toBe('metadata/A~2.json');
    expect(zipEntryName(['metadata', 'a.json'], used)).toBe('metadata/a~3.json');
    expect(zipEntryName(['noext'], used)).toBe('noext');
    expect(zipEntryName(['noext'], used)).toBe('noext~2');
  });
});
