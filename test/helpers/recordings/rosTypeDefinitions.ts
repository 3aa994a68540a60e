// The .msg texts of the message types the synthetic recordings carry, in their ROS 1 and ROS 2
// (humble) flavours. Kept as text, not parsed structures, because bags and MCAP schemas store the
// text itself and the ROS 1 md5sum is computed from it. Comments of the upstream files are left out
// (they change neither the wire layout nor the md5sum); constants are kept because they do change
// the md5sum.

/** The message types the recording writers know, named the ROS 1 way (`package/Type`). */
export type RosTypeName =
  | 'std_msgs/Header'
  | 'std_msgs/String'
  | 'builtin_interfaces/Time'
  | 'geometry_msgs/Quaternion'
  | 'geometry_msgs/Vector3'
  | 'sensor_msgs/Image'
  | 'sensor_msgs/CompressedImage'
  | 'sensor_msgs/PointField'
  | 'sensor_msgs/PointCloud2'
  | 'sensor_msgs/NavSatStatus'
  | 'sensor_msgs/NavSatFix'
  | 'sensor_msgs/Imu';

export interface RosTypeDefinition {
  /** ROS 1 text; undefined for ROS 2-only types (builtin_interfaces). */
  ros1?: string;
  /** ROS 2 `.msg` text; undefined for ROS 1-only types (none today, kept for symmetry). */
  ros2?: string;
  /** Direct dependencies in the order they first appear in the fields, per flavour. */
  ros1Deps: RosTypeName[];
  ros2Deps: RosTypeName[];
}

const POINT_FIELD = `uint8 INT8    = 1
uint8 UINT8   = 2
uint8 INT16   = 3
uint8 UINT16  = 4
uint8 INT32   = 5
uint8 UINT32  = 6
uint8 FLOAT32 = 7
uint8 FLOAT64 = 8

string name      # Name of field
uint32 offset    # Offset from start of point struct
uint8  datatype  # Datatype enumeration, see above
uint32 count     # How many elements in the field
`;

const NAV_SAT_STATUS = `int8 STATUS_NO_FIX =  -1        # unable to fix position
int8 STATUS_FIX =      0        # unaugmented fix
int8 STATUS_SBAS_FIX = 1        # with satellite-based augmentation
int8 STATUS_GBAS_FIX = 2        # with ground-based augmentation

int8 status

uint16 SERVICE_GPS =     1
uint16 SERVICE_GLONASS = 2
uint16 SERVICE_COMPASS = 4      # includes BeiDou.
uint16 SERVICE_GALILEO = 8

uint16 service
`;

const navSatFix = (header: string): string => `${header} header
NavSatStatus status
float64 latitude
float64 longitude
float64 altitude
float64[9] position_covariance

uint8 COVARIANCE_TYPE_UNKNOWN = 0
uint8 COVARIANCE_TYPE_APPROXIMATED = 1
uint8 COVARIANCE_TYPE_DIAGONAL_KNOWN = 2
uint8 COVARIANCE_TYPE_KNOWN = 3

uint8 position_covariance_type
`;

const image = (header: string): string => `${header} header
uint32 height         # image height, that is, number of rows
uint32 width          # image width, that is, number of columns
string encoding       # Encoding of pixels -- channel meaning, ordering, size
uint8 is_bigendian    # is this data bigendian?
uint32 step           # Full row length in bytes
uint8[] data          # actual matrix data, size is (step * rows)
`;

const compressedImage = (header: string): string => `${header} header
string format
uint8[] data
`;

const pointCloud2 = (header: string): string => `${header} header
uint32 height
uint32 width
PointField[] fields
bool    is_bigendian # Is this data bigendian?
uint32  point_step   # Length of a point in bytes
uint32  row_step     # Length of a row in bytes
uint8[] data         # Actual point data, size is (row_step*height)
bool is_dense        # True if there are no invalid points
`;

const imu = (header: string): string => `${header} header

geometry_msgs/Quaternion orientation
float64[9] orientation_covariance # Row major about x, y, z axes

geometry_msgs/Vector3 angular_velocity
float64[9] angular_velocity_covariance # Row major about x, y, z axes

geometry_msgs/Vector3 linear_acceleration
float64[9] linear_acceleration_covariance # Row major x, y z
`;

const ROS1_HEADER = 'Header';
const ROS2_HEADER = 'std_msgs/Header';

export const rosTypeDefinitions: Readonly<Record<RosTypeName, RosTypeDefinition>> = {
  'std_msgs/Header': {
    ros1: 'uint32 seq\ntime stamp\nstring frame_id\n',
    ros2: 'builtin_interfaces/Time stamp\nstring frame_id\n',
    ros1Deps: [],
    ros2Deps: ['builtin_interfaces/Time'],
  },
  'builtin_interfaces/Time': { ros2: 'int32 sec\nuint32 nanosec\n', ros1Deps: [], ros2Deps: [] },
  'std_msgs/String': { ros1: 'string data\n', ros2: 'string data\n', ros1Deps: [], ros2Deps: [] },
  'geometry_msgs/Quaternion': {
    ros1: 'float64 x\nfloat64 y\nfloat64 z\nfloat64 w\n',
    ros2: 'float64 x 0\nfloat64 y 0\nfloat64 z 0\nfloat64 w 1\n',
    ros1Deps: [],
    ros2Deps: [],
  },
  'geometry_msgs/Vector3': {
    ros1: 'float64 x\nfloat64 y\nfloat64 z\n',
    ros2: 'float64 x\nfloat64 y\nfloat64 z\n',
    ros1Deps: [],
    ros2Deps: [],
  },
  'sensor_msgs/Image': {
    ros1: image(ROS1_HEADER),
    ros2: image(ROS2_HEADER),
    ros1Deps: ['std_msgs/Header'],
    ros2Deps: ['std_msgs/Header'],
  },
  'sensor_msgs/CompressedImage': {
    ros1: compressedImage(ROS1_HEADER),
    ros2: compressedImage(ROS2_HEADER),
    ros1Deps: ['std_msgs/Header'],
    ros2Deps: ['std_msgs/Header'],
  },
  'sensor_msgs/PointField': { ros1: POINT_FIELD, ros2: POINT_FIELD, ros1Deps: [], ros2Deps: [] },
  'sensor_msgs/PointCloud2': {
    ros1: pointCloud2(ROS1_HEADER),
    ros2: pointCloud2(ROS2_HEADER),
    ros1Deps: ['std_msgs/Header', 'sensor_msgs/PointField'],
    ros2Deps: ['std_msgs/Header', 'sensor_msgs/PointField'],
  },
  'sensor_msgs/NavSatStatus': { ros1: NAV_SAT_STATUS, ros2: NAV_SAT_STATUS, ros1Deps: [], ros2Deps: [] },
  'sensor_msgs/NavSatFix': {
    ros1: navSatFix(ROS1_HEADER),
    ros2: navSatFix(ROS2_HEADER),
    ros1Deps: ['std_msgs/Header', 'sensor_msgs/NavSatStatus'],
    ros2Deps: ['std_msgs/Header', 'sensor_msgs/NavSatStatus'],
  },
  'sensor_msgs/Imu': {
    ros1: imu(ROS1_HEADER),
    ros2: imu(ROS2_HEADER),
    ros1Deps: ['std_msgs/Header', 'geometry_msgs/Quaternion', 'geometry_msgs/Vector3'],
    ros2Deps: ['std_msgs/Header', 'geometry_msgs/Quaternion', 'geometry_msgs/Vector3'],
  },
};
