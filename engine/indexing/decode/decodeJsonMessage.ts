/**
 * A JSON message (MCAP `json` encoding). Byte arrays arrive as base64 strings (the convention of
 * Foxglove's tools, and `contentEncoding: base64` in the schema); the extractors turn the
 * `data` fields they read back into bytes themselves, so nothing is guessed here.
 */
export function decodeJsonMessage(data: Uint8Array): unknown {
  return JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')) as unknown;
}
