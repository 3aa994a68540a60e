interface RandomSource {
  crypto?: { randomUUID?: () => string; getRandomValues?: (array: Uint8Array) => Uint8Array };
}

/**
 * The client's `get_guid()`: a random UUID with `-` replaced by `_`. shared/ cannot import
 * node:crypto, so it uses the Web Crypto global that Node 20 and every renderer provide.
 */
export function newGuid(): string {
  const source = (globalThis as RandomSource).crypto;
  if (source?.randomUUID) return source.randomUUID().replace(/-/g, '_');
  const bytes = new Uint8Array(16);
  if (source?.getRandomValues) source.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  // RFC 4122 version 4, variant 1.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}_${hex.slice(8, 12)}_${hex.slice(12, 16)}_${hex.slice(16, 20)}_${hex.slice(20)}`;
}
