import { decodeCloud, type CloudFormat, type DecodedCloud } from './decodeCloud';

/** Request: the file's bytes (transferred, not copied), the format its probe found, and its name for messages. */
export interface CloudRequest {
  bytes: ArrayBuffer;
  format: CloudFormat;
  fileName: string;
}

export type CloudResponse = { ok: true; cloud: DecodedCloud } | { ok: false; error: string };

// A dedicated module worker: parsing happens off the page's thread, and the arrays come back as
// transferables, so a million points cost no copy on the way back.
self.onmessage = (event: MessageEvent<CloudRequest>) => {
  const { bytes, format, fileName } = event.data;
  try {
    const cloud = decodeCloud(new Uint8Array(bytes), format);
    const transfer = [cloud.positions.buffer, ...Object.values(cloud.colors).map((c) => c.buffer)];
    (self as unknown as Worker).postMessage({ ok: true, cloud } satisfies CloudResponse, transfer);
  } catch (error) {
    (self as unknown as Worker).postMessage({ ok: false, error: `${fileName}: ${error instanceof Error ? error.message : String(error)}` } satisfies CloudResponse);
  }
};
