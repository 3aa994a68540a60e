import type { Rosbag2BagInfo, Rosbag2FileInfo, Rosbag2MetadataVersion, Ros2Topic } from './rosbag2MetadataYaml';

/** What a rosbag2 folder writer returns. */
export interface Ros2BagSummary {
  dir: string;
  /** Storage file names, in order, relative to dir. */
  files: string[];
  messageCount: number;
  startTimeNs?: bigint;
  endTimeNs?: bigint;
}

/** Per-file and per-topic counts gathered while a rosbag2 folder is written, for its metadata. */
export class Rosbag2Counts {
  readonly #files: Array<{ path: string; start?: bigint; end?: bigint; count: number }> = [];
  readonly #topicCounts = new Map<string, number>();
  #start: bigint | undefined;
  #end: bigint | undefined;
  #total = 0;

  startFile(path: string): void {
    this.#files.push({ path, count: 0 });
  }

  get currentFileCount(): number {
    return this.#files.at(-1)?.count ?? 0;
  }

  add(topic: string, timeNs: bigint): void {
    const file = this.#files.at(-1);
    if (!file) throw new Error('Rosbag2Counts.add before startFile');
    file.count++;
    if (file.start === undefined || timeNs < file.start) file.start = timeNs;
    if (file.end === undefined || timeNs > file.end) file.end = timeNs;
    if (this.#start === undefined || timeNs < this.#start) this.#start = timeNs;
    if (this.#end === undefined || timeNs > this.#end) this.#end = timeNs;
    this.#topicCounts.set(topic, (this.#topicCounts.get(topic) ?? 0) + 1);
    this.#total++;
  }

  get messageCount(): number {
    return this.#total;
  }

  get startTimeNs(): bigint | undefined {
    return this.#start;
  }

  get endTimeNs(): bigint | undefined {
    return this.#end;
  }

  summary(dir: string): Ros2BagSummary {
    return {
      dir, files: this.#files.map((f) => f.path), messageCount: this.#total,
      ...(this.#start === undefined ? {} : { startTimeNs: this.#start }),
      ...(this.#end === undefined ? {} : { endTimeNs: this.#end }),
    };
  }

  info(args: { version: Rosbag2MetadataVersion; storageIdentifier: 'sqlite3' | 'mcap'; topics: readonly Ros2Topic[]; rosDistro: string }): Rosbag2BagInfo {
    // rosbag2 writes INT64_MAX as the starting time of a bag without messages.
    const files: Rosbag2FileInfo[] = this.#files.map((f) => ({
      path: f.path, startingTimeNs: f.start ?? 9223372036854775807n, durationNs: f.start === undefined || f.end === undefined ? 0n : f.end - f.start, messageCount: f.count,
    }));
    return {
      version: args.version, storageIdentifier: args.storageIdentifier, rosDistro: args.rosDistro,
      startingTimeNs: this.#start ?? 9223372036854775807n,
      durationNs: this.#start === undefined || this.#end === undefined ? 0n : this.#end - this.#start,
      messageCount: this.#total,
      topics: args.topics.map((topic) => ({ topic, messageCount: this.#topicCounts.get(topic.name) ?? 0 })),
      files,
    };
  }
}
