import type { KittiBinLayout } from './parseKittiBin';

/**
 * nuScenes names its raw sweeps `*.pcd.bin` (5 floats per point, with the ring index); every other
 * `.bin` scan is read as KITTI (4 floats). Only a guess from the name: the caller may know better.
 */
export function kittiBinLayoutForFileName(fileName: string): KittiBinLayout {
  return fileName.toLowerCase().endsWith('.pcd.bin') ? 'nuscenes' : 'kitti';
}
