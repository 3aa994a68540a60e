// ffmpeg and ffprobe, found and run the way the engine does (see engine/host/mediaTools.ts).
export {
  ffmpegPath, ffprobeOutputSchema, ffprobePath, runFfmpeg, runFfprobe, scanVideoPackets, type FfprobeOutput, type FfprobeStream,
} from '../../../engine/host/mediaTools';
