import type { ProbeDepth } from '../../../../shared/ingest/bagProbeSchemas';

export interface ProbeOptions {
  /**
   * `full` (default) reads and checks every chunk and record; `index` trusts the file's own index or
   * summary and reads only that. ROS 2 db3 storage has no separate index: it is always counted with
   * SQL, and `full` adds SQLite's quick_check of every page.
   */
  depth?: ProbeDepth;
}
