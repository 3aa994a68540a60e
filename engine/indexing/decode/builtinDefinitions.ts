// Definitions of the message types the indexer extracts, for files that do not carry their own:
// rosbag2 SQLite files written before Iron have no message_definitions table, and a ROS 1
// connection may have an empty message_definition. Only the fields matter for decoding
// (constants and comments of the upstream .msg files are left out).

const SEPARATOR = `\n${'='.repeat(80)}\n`;

const HEADER_ROS1 = 'uint32 seq\ntime stamp\nstring frame_id';
const HEADER_ROS2 = 'builtin_interfaces/Time stamp\nstring frame_id';
const TIME_ROS2 = 'int32 sec\nuint32 nanosec';
const POINT_FIELD = 'string name\nuint32 offset\nuint8 datatype\nuint32 count';
const NAV_SAT_STATUS = 'int8 status\nuint16 service';
const QUATERNION = 'float64 x\nfloat64 y\nfloat64 z\nfloat64 w';
const VECTOR3 = 'float64 x\nfloat64 y\nfloat64 z';

const BODIES: Readonly<Record<string, { fields: (header: string) => string; deps: readonly string[] }>> = {
  'sensor_msgs/Image': {
    fields: (h) => `${h} header\nuint32 height\nuint32 width\nstring encoding\nuint8 is_bigendian\nuint32 step\nuint8[] data`,
    deps: [],
  },
  'sensor_msgs/CompressedImage': { fields: (h) => `${h} header\nstring format\nuint8[] data`, deps: [] },
  'sensor_msgs/PointCloud2': {
    fields: (h) => `${h} header\nuint32 height\nuint32 width\nsensor_msgs/PointField[] fields\nbool is_bigendian\nuint32 point_step\nuint32 row_step\nuint8[] data\nbool is_dense`,
    deps: ['sensor_msgs/PointField'],
  },
  'sensor_msgs/NavSatFix': {
    fields: (h) => `${h} header\nsensor_msgs/NavSatStatus status\nfloat64 latitude\nfloat64 longitude\nfloat64 altitude\nfloat64[9] position_covariance\nuint8 position_covariance_type`,
    deps: ['sensor_msgs/NavSatStatus'],
  },
  'sensor_msgs/Imu': {
    fields: (h) => `${h} header\ngeometry_msgs/Quaternion orientation\nfloat64[9] orientation_covariance\ngeometry_msgs/Vector3 angular_velocity\nfloat64[9] angular_velocity_covariance\ngeometry_msgs/Vector3 linear_acceleration\nfloat64[9] linear_acceleration_covariance`,
    deps: ['geometry_msgs/Quaternion', 'geometry_msgs/Vector3'],
  },
};

const DEPENDENCIES: Readonly<Record<string, string>> = {
  'sensor_msgs/PointField': POINT_FIELD,
  'sensor_msgs/NavSatStatus': NAV_SAT_STATUS,
  'geometry_msgs/Quaternion': QUATERNION,
  'geometry_msgs/Vector3': VECTOR3,
};

/**
 * The full definition text (root fields, then `MSG:` sections) of a type the indexer extracts,
 * in the ROS 1 or the ROS 2 flavour; undefined for any other type.
 */
export function builtinDefinition(type: string, flavour: 'ros1' | 'ros2'): string | undefined {
  const body = BODIES[type];
  if (!body) return undefined;
  const header = flavour === 'ros1' ? 'Header' : 'std_msgs/Header';
  const sections = [body.fields(header), `MSG: std_msgs/Header\n${flavour === 'ros1' ? HEADER_ROS1 : HEADER_ROS2}`];
  if (flavour === 'ros2') sections.push(`MSG: builtin_interfaces/Time\n${TIME_ROS2}`);
  for (const dep of body.deps) sections.push(`MSG: ${dep}\n${DEPENDENCIES[dep] ?? ''}`);
  return sections.join(SEPARATOR);
}
