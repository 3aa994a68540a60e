import { describe, expect, it } from 'vitest';
import { redactUrl } from './redactUrl';
import { toSearchParams } from './toSearchParams';

describe('redactUrl', () => {
  it('hides tokens, signatures and policies, keeping the rest', () => {
    expect(redactUrl('http://h/storage/objects/b/k?expires=5&signature=abc&token=t-1&x=1'))
      .toBe('http://h/storage/objects/b/k?expires=5&signature=redacted&token=redacted&x=1');
    expect(redactUrl('http://h/a?X-Amz-Signature=s')).toBe('http://h/a?X-Amz-Signature=redacted');
  });

  it('drops the query of something that is not a URL', () => {
    expect(redactUrl('not a url?token=secret')).toBe('not a url');
  });
});

describe('toSearchParams', () => {
  it('writes booleans as true/false and leaves out absent values', () => {
    expect(toSearchParams({ replace: true, replace_sets: false, size: 50, sort_field: undefined, x: null, s: 'a b' }).toString())
      .toBe('replace=true&replace_sets=false&size=50&s=a+b');
  });
});
