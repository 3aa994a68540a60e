import { expect } from 'vitest';
import { expectDecodedSample } from './expectDecodedSample';
import type { DriveTruth } from './generateDrive';
import type { ReadMessage } from './recordingReaders';

/**
 * Reads every message back and checks it against the drive's ground truth: log-time order, the
 * log time of each message, its decoded content, and the per-topic counts. Returns the count read.
 */
export async function expectDriveMessages(messages: AsyncIterable<ReadMessage> | Iterable<ReadMessage>, truth: DriveTruth): Promise<number> {
  const seen = new Map<string, number>();
  let previous = -1n;
  let total = 0;
  for await (const message of messages) {
    const index = seen.get(message.topic) ?? 0;
    seen.set(message.topic, index + 1);
    expect(message.logTimeNs >= previous, `${message.topic}#${index} is in log-time order`).toBe(true);
    previous = message.logTimeNs;
    expect(message.logTimeNs, `${message.topic}#${index} log time`).toBe(truth.topic(message.topic).logTimesNs[index]);
    expectDecodedSample(message.decoded, truth.sample(message.topic, index));
    total++;
  }
  expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(truth.topics.map((t) => [t.topic, t.count])));
  expect(total).toBe(truth.messageCount);
  return total;
}
