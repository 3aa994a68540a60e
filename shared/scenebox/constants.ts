// SceneBox constants as the public Python client defines them (wire protocol §4). These strings are
// URL segments and stored values, so they must match the client byte for byte.

export const ASSET_TYPES = [
  'sessions', 'annotation_projects', 'annotations', 'annotations_comparisons', 'configs', 'images',
  'objects', 'lidars', 'image_sequences', 'videos', 'rosbags', 'sets', 'sets_comparisons', 'projects',
  'operations', 'jobs', 'zipfiles', 'udfs', 'ziparrays', 'session_configurations', 'lidar_sequences',
  'embeddings',
] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

/** Types that never carry bytes; the client forces `metadata_only=true` for them. */
export const METADATA_ONLY_ASSETS: readonly AssetType[] = [
  'sessions', 'annotation_projects', 'configs', 'sets_comparisons', 'projects', 'operations', 'jobs',
  'session_configurations', 'lidar_sequences', 'annotations_comparisons', 'objects',
];

export const PRIMARY_ASSETS: readonly AssetType[] = ['images', 'objects', 'videos', 'lidars'];

export const SET_ASSET_TYPES: readonly AssetType[] = [
  'images', 'objects', 'videos', 'rosbags', 'sessions', 'lidars', 'annotations', 'ziparrays',
];

export const JOB_STATUSES = ['queued', 'running', 'finished', 'aborted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const USER_ROLES = [
  'superadmin', 'admin', 'tester', 'health_checker', 'data_provider', 'data_user', 'public_user',
  'read_only_user',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const SET_STATES = ['ready', 'being deleted', 'moving assets', 'being zipped', 'being populated'] as const;
export type SetState = (typeof SET_STATES)[number];

export const SESSION_TYPES = ['rosbags', 'videos', 'generic'] as const;
export const SESSION_STATUSES = ['in progress', 'ready'] as const;

export const ENTITY_TYPES = ['geo', 'scalar', 'vector', 'state', 'state_set', 'state_vector', 'media'] as const;
export const ENTITY_INFLUENCE_TYPES = [
  'point', 'linear_interpolation', 'linear_interpolation_integer', 'geo_interpolation', 'interval',
  'start_stop', 'affect_forward', 'affect_backward',
] as const;

/** Sensor types of a session's `sensors` list (S7 `Sensors`). */
export const SENSORS = ['camera', 'lidar', 'radar', 'gps', 'imu', 'generic'] as const;
export type SensorType = (typeof SENSORS)[number];
/** The message types SceneBox's rosbag indexing knows (S7 `RosbagsMessageTypes`). */
export const ROSBAGS_MESSAGE_TYPES = ['sensor_msgs/Image', 'sensor_msgs/NavSatFix', 'sensor_msgs/Imu', 'sensor_msgs/PointCloud2', 'tf2_msgs/TFMessage'] as const;
export const VIDEO_TAGS = ['concatenated', 'extracted', 'raw'] as const;
export const AUXILIARY_DATA_TYPES = ['concatenated_video'] as const;

export const AUXILIARY_KEY = 'aux';
export const SESSION_AUXILIARY_KEY = 'session_aux';
export const MAX_SESSION_LENGTH = 10_800;
export const DEFAULT_SESSION_RESOLUTION = 1.0;
/** Page size of the client's "large" search loops. */
export const DEFAULT_PAGINATION = 5000;
export const ACK_OK_RESPONSE = { acknowledged: true } as const;

/** The Python client accepts only these object-access URI schemes, so even a local blob store names objects `s3://bucket/key`. */
export const OBJECT_ACCESS_SCHEMES = ['s3', 'gs', 'abs'] as const;

export function isAssetType(value: string): value is AssetType {
  return (ASSET_TYPES as readonly string[]).includes(value);
}

export function isMetadataOnly(type: AssetType): boolean {
  return METADATA_ONLY_ASSETS.includes(type);
}
