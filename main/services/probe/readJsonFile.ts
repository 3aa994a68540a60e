import { ProbeError } from './ProbeError';
import { readProbeFile } from './readProbeFile';

/** JSON documents are parsed whole; past this size a streaming reader would be needed. */
const MAX_JSON_BYTES = 512 * 1024 * 1024;

export async function readJsonFile(filePath: string): Promise<unknown> {
  const bytes = await readProbeFile(filePath, MAX_JSON_BYTES);
  try {
    // A UTF-8 byte-order mark is legal in a file but not in JSON.parse.
    return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new ProbeError(filePath, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
