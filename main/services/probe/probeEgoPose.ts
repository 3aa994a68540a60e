import { describeZodIssue } from '../../../shared/formats/describeZodIssue';
import { egoPoseSchema } from '../../../shared/formats/egopose/egoPoseSchema';
import { summarizeEgoPose } from '../../../shared/formats/egopose/summarizeEgoPose';
import { egoPoseProbeSchema, type EgoPoseProbe } from '../../../shared/ingest/probeSchemas';
import { ProbeError } from './ProbeError';
import { readJsonFile } from './readJsonFile';

/** Frames, time range and objects of a SceneBox ego-pose JSON (`[{frame, timestamp, objects}]`). */
export async function probeEgoPose(filePath: string): Promise<EgoPoseProbe> {
  const parsed = egoPoseSchema.safeParse(await readJsonFile(filePath));
  if (!parsed.success) throw new ProbeError(filePath, `not an ego-pose file: ${describeZodIssue(parsed.error).text}`);
  return egoPoseProbeSchema.parse({ kind: 'ego_pose', ...summarizeEgoPose(parsed.data) });
}
