import type { AssetType } from '../scenebox/constants';

/** What the ingest pipeline recognises; anything else is rejected as unsupported. */
export const FILE_KINDS = ['image', 'video', 'lidar', 'ros1_bag', 'ros2_bag', 'mcap', 'coco', 'csv', 'ego_pose'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The asset type a kind is registered as; COCO, CSV and ego poses are imported into other assets instead. */
export const ASSET_TYPE_OF_KIND: Record<FileKind, AssetType | undefined> = {
  image: 'images',
  video: 'videos',
  lidar: 'lidars',
  ros1_bag: 'rosbags',
  ros2_bag: 'rosbags',
  mcap: 'rosbags',
  coco: undefined,
  csv: undefined,
  ego_pose: undefined,
};

/** The asset type whose asset manager stores a kind's bytes (files that are imported have none of their own). */
export const STORAGE_ASSET_TYPE: Record<FileKind, AssetType> = {
  ...(ASSET_TYPE_OF_KIND as Record<FileKind, AssetType>),
  coco: 'annotations',
  csv: 'sessions',
  ego_pose: 'sessions',
};

/** Recordings: a session each, and indexed after upload when their source asks for it. */
export const RECORDING_KINDS: readonly FileKind[] = ['ros1_bag', 'ros2_bag', 'mcap'];

export function isFileKind(value: unknown): value is FileKind {
  return typeof value === 'string' && (FILE_KINDS as readonly string[]).includes(value);
}
