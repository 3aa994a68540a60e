import { readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { generatedCsvFiles, generatedEgoPoseFiles, writeGeneratedRos1Bags } from './generatedInputs';

/** Every parser the fuzz run covers, one row of its table each. */
export const FUZZ_TARGET_NAMES = [
  'pcd', 'kitti_bin', 'ros1', 'ros2_db3', 'ros2_metadata', 'mcap', 'coco', 'csv', 'ego_pose', 'exif_image', 'video',
] as const;
export type FuzzTargetName = (typeof FUZZ_TARGET_NAMES)[number];

/** One original that mutants are made from. */
export interface FuzzInput {
  /** For reports: the path under the fixtures folder, or `generated/<name>`. */
  label: string;
  /** The file a mutant changes. */
  file: string;
  /** For a bag folder: the folder copied around the mutated file (the probe is handed the folder). */
  folder?: string;
}

export interface FuzzTarget {
  name: FuzzTargetName;
  /** What the probe reads, in words, for the table. */
  parser: string;
  /**
   * Why this parser may accept every mutant (any text is a CSV): otherwise a run with no rejection
   * at all means the mutants never reached the parser, and fails.
   */
  lenient?: string;
  /** Originals found among the real fixtures (empty without them) plus generated ones. */
  inputs(fixtures: string | undefined, generatedDir: string): Promise<FuzzInput[]>;
}

const byExtension = (pattern: RegExp, under = '') => async (fixtures: string | undefined): Promise<FuzzInput[]> => {
  if (!fixtures) return [];
  const files = (await listFiles(join(fixtures, under))).filter((f) => pattern.test(f));
  return files.map((file) => ({ label: relative(fixtures, file), file }));
};

/** rosbag2 folders of the fixtures: every folder that holds a metadata.yaml. */
async function bagFolders(fixtures: string | undefined): Promise<string[]> {
  if (!fixtures) return [];
  return (await listFiles(fixtures)).filter((f) => basename(f) === 'metadata.yaml').map(dirname);
}

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  { name: 'pcd', parser: 'probeLidar (parsePcd: ascii, binary, binary_compressed)', inputs: byExtension(/\.pcd$/i) },
  { name: 'kitti_bin', parser: 'probeLidar (parseKittiBin: KITTI and nuScenes .bin)', inputs: byExtension(/\.bin$/i) },
  {
    name: 'ros1',
    parser: 'probeRos1Bag (full and index depth)',
    inputs: async (fixtures, generatedDir) => {
      const real = await byExtension(/\.bag$/i)(fixtures);
      const made = await writeGeneratedRos1Bags(generatedDir);
      return [...real, ...made.map((file) => ({ label: `generated/${basename(file)}`, file }))];
    },
  },
  {
    name: 'ros2_db3',
    parser: 'probeRos2Bag on a folder with one damaged .db3',
    inputs: async (fixtures) => (await Promise.all((await bagFolders(fixtures)).map(async (folder) => {
      const files = (await readdir(folder)).filter((f) => f.endsWith('.db3'));
      return files.map((f) => ({ label: relative(fixtures ?? '', join(folder, f)), file: join(folder, f), folder }));
    }))).flat(),
  },
  {
    name: 'ros2_metadata',
    parser: 'ros2BagFolderStatus + probeRos2Bag on a damaged metadata.yaml',
    inputs: async (fixtures) => (await bagFolders(fixtures)).map((folder) => ({
      label: relative(fixtures ?? '', join(folder, 'metadata.yaml')), file: join(folder, 'metadata.yaml'), folder,
    })),
  },
  { name: 'mcap', parser: 'probeMcap (full and index depth)', inputs: byExtension(/\.mcap$/i) },
  { name: 'coco', parser: 'probeCoco (JSON, schema, summary, image lookup)', inputs: byExtension(/\.json$/i, 'coco') },
  {
    name: 'csv',
    parser: 'probeCsv (delimiter, quoting, time columns)',
    lenient: 'any text is a CSV: only NUL bytes or an empty file are refused, which few mutants make',
    inputs: async (_fixtures, generatedDir) => writeGenerated(generatedDir, generatedCsvFiles()),
  },
  {
    name: 'ego_pose',
    parser: 'probeEgoPose (JSON frames)',
    inputs: async (_fixtures, generatedDir) => writeGenerated(generatedDir, generatedEgoPoseFiles()),
  },
  { name: 'exif_image', parser: 'probeImage (image-size + exifr EXIF/GPS)', inputs: byExtension(/\.(jpe?g|png|tiff?)$/i) },
  { name: 'video', parser: 'probeVideo (ffprobe, packet scan)', inputs: byExtension(/\.(mp4|mov|mkv|avi|webm)$/i, 'video') },
];

async function writeGenerated(dir: string, files: Record<string, string>): Promise<FuzzInput[]> {
  return Promise.all(Object.entries(files).map(async ([name, text]) => {
    const file = join(dir, name);
    await writeFile(file, text);
    return { label: `generated/${name}`, file };
  }));
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map(async (e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? listFiles(path) : e.isFile() ? [path] : [];
  }));
  return nested.flat().sort();
}
