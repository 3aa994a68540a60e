import { rosMessageSchema, type MessageDefinition } from './rosMessageSchema';
import type { RosTypeName } from './rosTypeDefinitions';

// JSON Schemas for the json MCAP profile, derived from the ROS 1 definitions so that JSON messages
// have the same field names as their ROS counterparts. Byte arrays are base64 strings
// (contentEncoding base64), the convention Foxglove tools use for binary data in JSON.

type JsonSchema = Record<string, unknown>;

const INTEGER_TYPES = new Set(['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'byte', 'char']);
const NUMBER_TYPES = new Set(['float32', 'float64']);

function primitiveSchema(type: string): JsonSchema {
  if (INTEGER_TYPES.has(type)) return { type: 'integer' };
  if (NUMBER_TYPES.has(type)) return { type: 'number' };
  if (type === 'bool') return { type: 'boolean' };
  if (type === 'string') return { type: 'string' };
  if (type === 'time' || type === 'duration') {
    return { type: 'object', properties: { sec: { type: 'integer' }, nsec: { type: 'integer' } }, required: ['sec', 'nsec'] };
  }
  throw new Error(`no JSON schema for ROS primitive ${type}`);
}

function objectSchema(name: string, byName: ReadonlyMap<string, MessageDefinition>): JsonSchema {
  const definition = byName.get(name);
  if (!definition) throw new Error(`no definition for ${name}`);
  const properties: Record<string, JsonSchema> = {};
  for (const field of definition.definitions) {
    if (field.isConstant === true) continue;
    let item: JsonSchema;
    if (field.isArray === true && (field.type === 'uint8' || field.type === 'int8')) {
      properties[field.name] = { type: 'string', contentEncoding: 'base64' };
      continue;
    }
    if (field.isComplex === true) item = objectSchema(field.type, byName);
    else item = primitiveSchema(field.type);
    properties[field.name] = field.isArray === true
      ? { type: 'array', items: item, ...(field.arrayLength === undefined ? {} : { minItems: field.arrayLength, maxItems: field.arrayLength }) }
      : item;
  }
  return { type: 'object', title: name, properties, required: Object.keys(properties) };
}

/** A draft 2020-12 JSON Schema describing the JSON form of a ROS message type. */
export function jsonSchemaForRosType(type: RosTypeName): JsonSchema {
  const definitions = rosMessageSchema(type, 'ros1').definitions;
  const byName = new Map<string, MessageDefinition>();
  definitions.forEach((definition, index) => byName.set(index === 0 ? type : definition.name ?? '', definition));
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...objectSchema(type, byName) };
}
