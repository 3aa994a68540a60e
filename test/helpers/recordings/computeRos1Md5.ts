import { createHash } from 'node:crypto';

// ROS 1 md5sums, computed the way genmsg's compute_md5_text does, from the concatenated definition
// that bags store (root text, then `=====` / `MSG: pkg/Type` sections). Rosbag tools and rospy
// refuse a connection whose md5sum does not match the type, so the synthetic bags must carry the
// real sums, not placeholders.

const SECTION_SEPARATOR = /^={80}\s*$/m;

const BUILTIN_TYPES = new Set([
  'bool', 'byte', 'char', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
  'float32', 'float64', 'string', 'time', 'duration',
]);

/** Splits a concatenated definition into `type -> text`; the root section is stored under rootType. */
export function splitRosDefinitionSections(fullText: string, rootType: string): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = fullText.split(SECTION_SEPARATOR);
  sections.set(rootType, parts[0] ?? '');
  for (const part of parts.slice(1)) {
    const match = /^\s*MSG:\s*(\S+)[^\n]*\n?/.exec(part);
    if (!match?.[1]) throw new Error(`definition section without a "MSG: type" line: ${part.slice(0, 60)}`);
    sections.set(match[1], part.slice(match[0].length));
  }
  return sections;
}

function packageOf(type: string): string {
  const slash = type.indexOf('/');
  return slash < 0 ? '' : type.slice(0, slash);
}

function resolveFieldType(bareType: string, contextPackage: string): string {
  if (bareType === 'Header') return 'std_msgs/Header';
  if (bareType.includes('/')) return bareType;
  return `${contextPackage}/${bareType}`;
}

/** The text genmsg hashes for one type, with the md5 of each complex dependency in place of its name. */
function md5Text(type: string, sections: ReadonlyMap<string, string>, memo: Map<string, string>): string {
  const text = sections.get(type);
  if (text === undefined) throw new Error(`no definition for ${type} in the concatenated message definition`);
  const constants: string[] = [];
  const fields: string[] = [];
  for (const rawLine of text.split('\n')) {
    const withoutComment = rawLine.replace(/#.*/, '').trim();
    if (withoutComment === '') continue;
    const [fieldType = '', ...rest] = withoutComment.split(/\s+/);
    const afterType = rest.join(' ');
    if (afterType.includes('=')) {
      // String constants keep everything after '=' (a '#' there is part of the value).
      const source = fieldType === 'string' ? rawLine : withoutComment;
      const eq = source.indexOf('=');
      const name = source.slice(source.indexOf(fieldType) + fieldType.length, eq).trim();
      constants.push(`${fieldType} ${name}=${source.slice(eq + 1).trim()}`);
      continue;
    }
    const name = rest[0] ?? '';
    const bareType = fieldType.replace(/\[\d*\]$/, '');
    if (BUILTIN_TYPES.has(bareType)) {
      fields.push(`${fieldType} ${name}`);
    } else {
      fields.push(`${ros1Md5Of(resolveFieldType(bareType, packageOf(type)), sections, memo)} ${name}`);
    }
  }
  return [...constants, ...fields].join('\n');
}

function ros1Md5Of(type: string, sections: ReadonlyMap<string, string>, memo: Map<string, string>): string {
  const known = memo.get(type);
  if (known) return known;
  const sum = createHash('md5').update(md5Text(type, sections, memo)).digest('hex');
  memo.set(type, sum);
  return sum;
}

/** md5sum of rootType given its full concatenated definition (as stored in a bag connection). */
export function computeRos1Md5(fullDefinition: string, rootType: string): string {
  return ros1Md5Of(rootType, splitRosDefinitionSections(fullDefinition, rootType), new Map());
}
