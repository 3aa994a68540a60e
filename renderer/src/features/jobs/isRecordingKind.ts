/** Kinds the engine indexes into sessions: ROS 1 bags, ROS 2 bag folders and MCAP files. */
export const RECORDING_KINDS = ['ros1_bag', 'ros2_bag', 'mcap'] as const;

export function isRecordingKind(kind: string | null): boolean {
  return kind !== null && (RECORDING_KINDS as readonly string[]).includes(kind);
}
