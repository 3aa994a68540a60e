// The media binaries (ffmpeg, ffprobe) as the engine finds and runs them, offered to embedders so
// that the app's local probes use the same binaries and the same ffprobe reading.
export { ffmpegPath } from '../media/ffmpegPath';
export { ffprobePath } from '../media/ffprobePath';
export { ffprobeOutputSchema, type FfprobeOutput, type FfprobeStream } from '../media/ffprobeOutputSchema';
export { runFfmpeg } from '../media/runFfmpeg';
export { runFfprobe } from '../media/runFfprobe';
export { scanVideoPackets } from '../media/scanVideoPackets';
