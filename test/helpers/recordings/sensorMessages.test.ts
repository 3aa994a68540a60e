import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { ros1, ros2humble } from '@foxglove/rosmsg-msgs-common';
import { MessageReader as CdrMessageReader } from '@foxglove/rosmsg2-serialization';
import { execFileSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fixturesDir } from '../fixturesDir';
import { computeRos1Md5 } from './computeRos1Md5';
import { drivePixels } from './driveSamples';
import { encodeRosMessage } from './encodeRosMessage';
import { expectDecodedSample } from './expectDecodedSample';
import { jsonSchemaForRosType } from './jsonSchemaForRosType';
import { commonDefinitions, openRos1Bag } from './recordingReaders';
import { rosMessageSchema, type MessageDefinition } from './rosMessageSchema';
import { rosTypeDefinitions, type RosTypeName } from './rosTypeDefinitions';
import {
  buildHeader, buildImage, buildPngCompressedImage, buildPointCloud2, readPointCloud2Points, stampFromNs, type RawImageEncoding,
} from './sensorMessages';

const FIXTURES = fixturesDir();
const MD5_CASE = FIXTURES
  ? 'reproduces the md5sum of every connection in the real ROS 1 fixture bags'
  : 'reproduces fixture md5sums (skipped: real fixtures folder missing, set SCENEDOCK_FIXTURES)';

/** md5sums published by ROS (rosmsg md5 <type>), for the types the drive writes. */
const ROS_MD5: Partial<Record<RosTypeName, string>> = {
  'std_msgs/String': '992ce8a1687cec8c8bd883ec73ca41d1',
  'std_msgs/Header': '2176decaecbce78abc3b96ef049fabed',
  'sensor_msgs/Image': '060021388200f6f0f447d0fcd9c64743',
  'sensor_msgs/CompressedImage': '8f7a12909da2c9d3332d540a0977563f',
  'sensor_msgs/PointCloud2': '1158d486dd51d683ce2f1be655c3c181',
  'sensor_msgs/PointField': '268eacb2962780ceac86cbd17e328150',
  'sensor_msgs/NavSatFix': '2d3a8cd499b9b4a0249fb98fd05cfa48',
  'sensor_msgs/NavSatStatus': '331cdbddfa4bc96ffc3b9ad98900a54c',
  'sensor_msgs/Imu': '6a62c6daae103f4ff57a132d6f95cec2',
  'geometry_msgs/Quaternion': 'a779879fadf0160734f906b8c19c7004',
  'geometry_msgs/Vector3': '4a842b65f413084dc2b10fb484ea7f17',
};

const TYPES = Object.keys(rosTypeDefinitions) as RosTypeName[];

/** The parts of a parsed field that decide the wire format and the md5sum. */
function shape(definition: MessageDefinition): unknown[] {
  return definition.definitions.map((f) => ({
    name: f.name, type: f.type, isArray: f.isArray === true, arrayLength: f.arrayLength, isConstant: f.isConstant === true,
    value: f.isConstant === true ? f.value : undefined, defaultValue: f.defaultValue,
  }));
}

describe('message definitions', () => {
  it('give the md5sums ROS publishes', () => {
    for (const [type, md5] of Object.entries(ROS_MD5)) {
      expect(rosMessageSchema(type as RosTypeName, 'ros1').md5sum, type).toBe(md5);
    }
  });

  it('parse to the same fields and constants as @foxglove/rosmsg-msgs-common (ROS 1 and humble)', () => {
    for (const type of TYPES) {
      for (const [flavor, table] of [['ros1', ros1], ['ros2', ros2humble]] as const) {
        if (rosTypeDefinitions[type][flavor] === undefined) continue;
        const [root] = rosMessageSchema(type, flavor).definitions;
        const common = (table as Readonly<Record<string, MessageDefinition>>)[type];
        if (!root || !common) throw new Error(`missing ${flavor} ${type}`);
        expect(shape(root), `${flavor} ${type}`).toEqual(shape(common));
      }
    }
  });

  it('build full texts whose MSG sections cover every complex field', () => {
    for (const type of TYPES) {
      for (const flavor of ['ros1', 'ros2'] as const) {
        if (rosTypeDefinitions[type][flavor] === undefined) continue;
        const definitions = rosMessageSchema(type, flavor).definitions;
        const named = new Set(definitions.slice(1).map((d) => d.name));
        for (const field of definitions.flatMap((d) => d.definitions)) {
          if (field.isComplex === true) expect(named.has(field.type), `${flavor} ${type}: ${field.type}`).toBe(true);
        }
      }
    }
  });

  it.skipIf(!FIXTURES)(MD5_CASE, async () => {
    const root = join(FIXTURES ?? '', 'ros1');
    let checked = 0;
    for (const folder of await readdir(root)) {
      for (const file of (await readdir(join(root, folder))).filter((f) => f.endsWith('.bag'))) {
        const { bag, close } = await openRos1Bag(join(root, folder, file));
        onTestFinished(close);
        for (const connection of bag.connections.values()) {
          // A connection without definition (webviz edge case) cannot be hashed.
          if (connection.messageDefinition === '' || !connection.type) continue;
          expect(computeRos1Md5(connection.messageDefinition, connection.type), `${file} ${connection.type}`).toBe(connection.md5sum);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('turns every type into a JSON schema with base64 byte arrays', () => {
    const schema = JSON.stringify(jsonSchemaForRosType('sensor_msgs/PointCloud2'));
    expect(schema).toContain('"data":{"type":"string","contentEncoding":"base64"}');
    expect(schema).toContain('"fields":{"type":"array"');
    expect(JSON.stringify(jsonSchemaForRosType('sensor_msgs/NavSatFix'))).toContain('"position_covariance":{"type":"array","items":{"type":"number"},"minItems":9,"maxItems":9}');
  });
});

describe('message encoding', () => {
  const header = buildHeader(1_700_000_001_250_000_000n, 'cam', 7);
  const image = buildImage({ header, width: 3, height: 2, encoding: 'rgb8', pixels: Uint8Array.from({ length: 18 }, (_, i) => i * 10) });

  it('lays out a ROS 1 Image field by field', () => {
    const bytes = Buffer.from(encodeRosMessage('sensor_msgs/Image', 'ros1', image));
    let o = 0;
    const u32 = (): number => { const v = bytes.readUInt32LE(o); o += 4; return v; };
    const str = (): string => { const n = u32(); const s = bytes.toString('utf8', o, o + n); o += n; return s; };
    expect([u32(), u32(), u32(), str()]).toEqual([7, 1_700_000_001, 250_000_000, 'cam']);
    expect([u32(), u32(), str(), bytes[o++], u32()]).toEqual([2, 3, 'rgb8', 0, 9]);
    expect(u32()).toBe(18);
    expect([...bytes.subarray(o)]).toEqual([...image.data]);
  });

  it('writes CDR little-endian with the encapsulation header, decodable with humble definitions', () => {
    const bytes = encodeRosMessage('sensor_msgs/Image', 'cdr', image);
    expect([...bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    const decoded = new CdrMessageReader(commonDefinitions('sensor_msgs/msg/Image', 'ros2humble')).readMessage(bytes);
    expect(decoded).toMatchObject({ header: { stamp: { sec: 1_700_000_001, nanosec: 250_000_000 }, frame_id: 'cam' }, height: 2, width: 3, step: 9 });
  });

  it('writes JSON with base64 pixel data', () => {
    const json: unknown = JSON.parse(Buffer.from(encodeRosMessage('sensor_msgs/Image', 'json', image)).toString('utf8'));
    expect(json).toMatchObject({ header: { seq: 7, stamp: { sec: 1_700_000_001, nsec: 250_000_000 } }, data: Buffer.from(image.data).toString('base64') });
  });

  it('rejects pixel buffers and cloud shapes that do not add up', () => {
    expect(() => buildImage({ header, width: 4, height: 4, encoding: 'mono16', pixels: new Uint8Array(16) })).toThrow(/needs 32 bytes/);
    const points = { x: new Float32Array(6), y: new Float32Array(6), z: new Float32Array(6), intensity: new Float32Array(6), ring: new Uint16Array(6) };
    expect(() => buildPointCloud2({ header, points, isDense: true, organized: { width: 4, height: 2 } })).toThrow(/4x2 does not hold 6/);
  });

  it('packs clouds with padding and reads them back through the field offsets', () => {
    const points = { x: Float32Array.of(1, Number.NaN), y: Float32Array.of(2, 5), z: Float32Array.of(3, 6), intensity: Float32Array.of(100, 7), ring: Uint16Array.of(0, 15) };
    const cloud = buildPointCloud2({ header, points, isDense: false });
    expect({ width: cloud.width, height: cloud.height, point_step: cloud.point_step, row_step: cloud.row_step }).toEqual({ width: 2, height: 1, point_step: 32, row_step: 64 });
    const view = new DataView(cloud.data.buffer);
    expect([view.getFloat32(32 + 16, true), view.getUint16(32 + 20, true)]).toEqual([7, 15]);
    expect(readPointCloud2Points(cloud)).toEqual(points);
  });

  it('keeps nanosecond stamps exact', () => {
    expect(stampFromNs(1_700_000_000_999_999_999n)).toEqual({ sec: 1_700_000_000, nsec: 999_999_999 });
  });
});

describe('PNG CompressedImage', () => {
  const cases: Array<{ encoding: RawImageEncoding; pixFmt: string }> = [
    { encoding: 'rgb8', pixFmt: 'rgb24' }, { encoding: 'bgr8', pixFmt: 'bgr24' }, { encoding: 'mono8', pixFmt: 'gray' }, { encoding: 'mono16', pixFmt: 'gray16le' },
  ];
  for (const { encoding, pixFmt } of cases) {
    it(`encodes ${encoding} pixels into a PNG that ffmpeg decodes to the same pixels`, () => {
      const [width, height] = [37, 19];
      const pixels = drivePixels(width, height, encoding, 3, 2);
      const message = buildPngCompressedImage({ header: buildHeader(1n, 'cam'), width, height, encoding, pixels });
      expect(message.format).toBe('png');
      expect(imageSize(message.data)).toMatchObject({ type: 'png', width, height });
      // ffmpeg converts the decoded PNG back to the ROS byte layout of the original encoding.
      const decoded = execFileSync(ffmpeg.path, ['-v', 'error', '-f', 'png_pipe', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', pixFmt, 'pipe:1'], { input: message.data });
      expect(Buffer.compare(decoded, Buffer.from(pixels))).toBe(0);
      expectDecodedSample(message, {
        kind: 'compressedImage', format: 'png', data: message.data, width, height, topic: '/t', index: 0, logTimeNs: 1n, headerStampNs: 1n, frameId: 'cam',
      });
    });
  }
});
