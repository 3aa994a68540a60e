// PCD headers and ascii bodies are plain ASCII. shared/ has no TextDecoder type (no DOM, no Node),
// so bytes become a string in slices small enough for String.fromCharCode's argument limit.
const SLICE = 0x8000;

export function decodeLatin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const parts: string[] = [];
  for (let at = start; at < end; at += SLICE) {
    parts.push(String.fromCharCode(...bytes.subarray(at, Math.min(end, at + SLICE))));
  }
  return parts.join('');
}
