import { ProbeError } from '../../main/services/probe/ProbeError';

/**
 * `crash`: anything but a clean result or a ProbeError (another exception, a bug-type cause, a
 * result the schema refuses); `unreadable`: a ProbeError that does not name the file or whose
 * reason tells the user nothing. The worker's parent adds `hang` and process-level crashes.
 */
export type OutcomeKind = 'accepted' | 'rejected' | 'crash' | 'unreadable';

export interface Outcome {
  kind: OutcomeKind;
  /** The rejection's reason, or what went wrong for a failure. */
  detail: string;
}

/**
 * Messages JavaScript and Node write when code trips over data it did not check: wrapped in a
 * ProbeError they still name the file, but tell the user nothing about it, and they show a parser
 * that ran past what it validated. (Libraries that throw a TypeError with a message of their own,
 * as image-size does for a corrupt JPEG, give a readable reason and are not caught by these.)
 */
const ENGINE_MESSAGES = [
  /Cannot read propert/i, /Cannot set propert/i, /Cannot destructure/, /Cannot convert/, /Cannot mix BigInt/, /is not a function/,
  /is not iterable/, /is not defined/, /is not a constructor/, /undefined is not/, /Reduce of empty array/, /Do not know how to serialize/,
  /Maximum call stack/, /Invalid array length/, /allocation failed/i, /Invalid typed array length/, /Invalid string length/,
  /Offset is outside the bounds of the DataView/, /out of memory/i, /Invalid time value/,
];
/** Node's argument checks: a parser handed a bad offset or length to a Buffer or fs call. */
const NODE_ARGUMENT_CODES = /^ERR_(INVALID_ARG|OUT_OF_RANGE|BUFFER_OUT_OF_BOUNDS)/;

/**
 * A probe's answer to one mutant: a result its schema accepts; a ProbeError naming `unitPath`
 * with a readable reason; or a failure (a crash, or an unreadable rejection).
 */
export function classifyOutcome(unitPath: string, settled: { value: unknown } | { error: unknown }, validate: (value: unknown) => unknown): Outcome {
  if ('value' in settled) {
    try {
      validate(settled.value);
      return { kind: 'accepted', detail: '' };
    } catch (error) {
      return { kind: 'crash', detail: `resolved with a result its schema refuses: ${describe(error)}` };
    }
  }
  const { error } = settled;
  if (!(error instanceof ProbeError)) return { kind: 'crash', detail: `threw ${describe(error)} instead of a ProbeError` };
  const reason = error.reason.trim();
  if (!error.message.includes(unitPath)) return { kind: 'unreadable', detail: `ProbeError does not name ${unitPath}: ${error.message}` };
  if (reason === '' || reason === 'undefined' || reason.includes('[object Object]')) return { kind: 'unreadable', detail: `unreadable reason ${JSON.stringify(error.reason)}` };
  const leaked = ENGINE_MESSAGES.find((pattern) => pattern.test(reason));
  if (leaked) return { kind: 'unreadable', detail: `reason is a JavaScript engine message: ${reason}` };
  const bug = causes(error).find(isBug);
  if (bug) return { kind: 'crash', detail: `caused by ${describe(bug)}` };
  return { kind: 'rejected', detail: reason };
}

/**
 * A library reading damaged bytes may run past a buffer's end or miss a field (its validation
 * gap, not ours): such a RangeError or TypeError thrown inside node_modules is the expected
 * failure, once the probe put it in words (the reason is checked apart). The same error thrown
 * from SceneDock's own parsers is a bug.
 */
function isLibraryError(cause: Error): boolean {
  const frame = cause.stack?.split('\n').find((line) => line.trim().startsWith('at ') && !line.includes('(<anonymous>)') && !line.includes('node:internal')) ?? '';
  return (cause instanceof RangeError || cause instanceof TypeError) && frame.includes('node_modules') && !frame.includes('/main/services/') && !frame.includes('/shared/');
}

function isBug(cause: unknown): boolean {
  if (cause instanceof ReferenceError) return true;
  if (!(cause instanceof Error)) return false;
  if (isLibraryError(cause)) return false;
  const code = (cause as NodeJS.ErrnoException).code;
  return (typeof code === 'string' && NODE_ARGUMENT_CODES.test(code)) || ENGINE_MESSAGES.some((pattern) => pattern.test(cause.message));
}

function causes(error: Error): unknown[] {
  const chain: unknown[] = [];
  let next: unknown = error.cause;
  while (next !== undefined && chain.length < 10) {
    chain.push(next);
    next = next instanceof Error ? next.cause : undefined;
  }
  return chain;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((line) => line.trim().startsWith('at ')) ?? '';
  return `${error.name}: ${error.message.slice(0, 500)}${frame ? ` (${frame.trim()})` : ''}`;
}
