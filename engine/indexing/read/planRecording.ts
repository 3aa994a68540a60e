import { MCAP_MAGIC } from '@mcap/core';
import { MAX_METADATA_BYTES, METADATA_FILE, parseRos2Metadata, type Ros2Metadata } from '../../../shared/formats/bags/parseRos2Metadata';
import { ROS1_MAGIC } from '../../../shared/formats/bags/inspectRos1Layout';
import type { StoredObjectSource } from './StoredObjectSource';

export type StorageFormat = 'ros1' | 'mcap' | 'db3';

export interface PlannedFile {
  format: StorageFormat;
  source: StoredObjectSource;
}

/** What one indexing request holds: the files to read in order, and what was found on the way. */
export interface RecordingPlan {
  /** `ros1`, `ros2` (a rosbag2 folder), `mcap` (standalone files), or a mix of them. */
  kind: string;
  files: PlannedFile[];
  metadata: Ros2Metadata | undefined;
  notes: string[];
}

/** The newest metadata.yaml layout the reader knows (rosbag2 Jazzy and Rolling as of 2025). */
const LATEST_METADATA_VERSION = 9;
const SNIFF_BYTES = 16;

/**
 * Decides what the uploaded files are, from their first bytes rather than their names or the route
 * they came through (SceneDock's ingest sends standalone MCAP files to index_rosbag2): ROS 1 bags,
 * MCAP files, rosbag2 SQLite files, and a rosbag2 folder's metadata.yaml. With a metadata.yaml, the
 * storage files it lists are read in its order and every one must be there. Throws an Error whose
 * message names the file and the reason.
 */
export async function planRecording(sources: readonly StoredObjectSource[]): Promise<RecordingPlan> {
  const notes: string[] = [];
  const metadataSources = sources.filter((s) => baseName(s.name) === METADATA_FILE);
  if (metadataSources.length > 1) throw new Error(`${metadataSources.length} files are named ${METADATA_FILE}; one rosbag2 folder is indexed at a time`);
  const others: PlannedFile[] = [];
  for (const source of sources) {
    if (metadataSources.includes(source)) continue;
    others.push({ format: await sniff(source), source });
  }
  const metadataSource = metadataSources[0];
  if (!metadataSource) {
    if (others.length === 0) throw new Error('no files to index');
    if (others.some((f) => f.format === 'db3')) notes.push(`no ${METADATA_FILE} came with the SQLite storage files; they are read on their own`);
    return { kind: [...new Set(others.map((f) => (f.format === 'db3' ? 'ros2' : f.format)))].join('+'), files: others, metadata: undefined, notes };
  }
  const metadata = await readMetadata(metadataSource);
  if (metadata.compressionMode !== '' && metadata.compressionMode.toLowerCase() !== 'none') {
    throw new Error(`${metadataSource.name}: the storage is compressed (${metadata.compressionFormat || 'unknown format'}, per ${metadata.compressionMode.toLowerCase()}); the indexer reads uncompressed rosbag2 storage only`);
  }
  if (metadata.version > LATEST_METADATA_VERSION) notes.push(`${METADATA_FILE} version ${metadata.version} is newer than ${LATEST_METADATA_VERSION}; read with the version ${LATEST_METADATA_VERSION} rules`);
  if (metadata.relativeFilePaths.length === 0) throw new Error(`${metadataSource.name}: lists no storage files`);
  const files: PlannedFile[] = [];
  for (const listed of metadata.relativeFilePaths) {
    // Before version 4 listed paths began with the bag folder's name; uploads are matched by file name.
    const found = others.find((f) => baseName(f.source.name) === baseName(listed));
    if (!found) throw new Error(`${METADATA_FILE} lists ${listed}, which is not among the uploaded files (${others.map((f) => f.source.name).join(', ') || 'none'})`);
    if (found.format === 'ros1') throw new Error(`${found.source.name}: a ROS 1 bag cannot be rosbag2 storage`);
    const expected = storageFormatOf(metadata.storageIdentifier);
    if (expected && expected !== found.format) throw new Error(`${found.source.name}: ${METADATA_FILE} says the storage is ${metadata.storageIdentifier}, the file is ${found.format === 'db3' ? 'SQLite' : 'MCAP'}`);
    files.push(found);
  }
  for (const extra of others.filter((f) => !files.includes(f))) notes.push(`${extra.source.name} is not listed in ${METADATA_FILE} and was not indexed`);
  return { kind: 'ros2', files, metadata, notes };
}

function storageFormatOf(identifier: string): StorageFormat | undefined {
  if (identifier === 'sqlite3') return 'db3';
  if (identifier === 'mcap') return 'mcap';
  return undefined;
}

async function sniff(source: StoredObjectSource): Promise<StorageFormat> {
  const head = await source.readUpTo(0, SNIFF_BYTES);
  if (startsWith(head, codes(ROS1_MAGIC.slice(0, 9)))) return 'ros1';
  if (startsWith(head, MCAP_MAGIC.slice(0, 5))) return 'mcap';
  if (startsWith(head, codes('SQLite format 3'))) return 'db3';
  if (head.byteLength === 0) throw new Error(`${source.name}: the file is empty`);
  throw new Error(`${source.name}: not a ROS 1 bag, an MCAP file or a rosbag2 SQLite file (its first bytes are neither magic)`);
}

async function readMetadata(source: StoredObjectSource): Promise<Ros2Metadata> {
  if (source.size > MAX_METADATA_BYTES) throw new Error(`${source.name}: ${source.size} bytes is too large to be rosbag2 metadata`);
  try {
    return parseRos2Metadata(Buffer.from(await source.read(0, source.size)).toString('utf8'));
  } catch (error) {
    throw new Error(`${source.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function codes(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.byteLength < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

export function baseName(name: string): string {
  return name.split('/').pop() ?? name;
}
