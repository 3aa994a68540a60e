import { z } from 'zod';

export const RECORDING_FOLDER_JOB_KIND = 'index_recording_folder';

export const recordingFolderPayloadSchema = z.object({
  session_uid: z.string().min(1),
  session_created: z.boolean(),
  folder: z.string(),
  files: z.array(z.object({ uri: z.string(), key: z.string(), size: z.number(), last_modified: z.string() })),
});
export type RecordingFolderPayload = z.infer<typeof recordingFolderPayloadSchema>;

export const VIDEO_EXTENSIONS = ['mp4', 'mov', 'avi', 'mkv', 'webm', 'm4v'];
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png'];

export function extensionOf(key: string): string {
  const dot = key.lastIndexOf('.');
  return dot < 0 ? '' : key.slice(dot + 1).toLowerCase();
}
