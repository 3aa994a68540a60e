import { describe, expect, it } from 'vitest';
import { ffprobeOutputSchema } from '../../engine/media/ffprobeOutputSchema';
import { videoProbeFromFfprobe } from '../../main/services/probe/videoProbeFromFfprobe';

// ffprobe JSON as different ffprobe versions print it, for the conventions no fixture exercises.
function output(video: Record<string, unknown>, format: Record<string, unknown> = {}, others: Record<string, unknown>[] = []): ReturnType<typeof ffprobeOutputSchema.parse> {
  return ffprobeOutputSchema.parse({
    streams: [...others, { index: others.length, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30000/1001', ...video }],
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.5', ...format },
  });
}

describe('videoProbeFromFfprobe', () => {
  it('turns the display matrix (counter-clockwise) into clockwise degrees', () => {
    expect(videoProbeFromFfprobe(output({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] })).rotation).toBe(90);
    expect(videoProbeFromFfprobe(output({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] })).rotation).toBe(270);
    expect(videoProbeFromFfprobe(output({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 180 }] })).rotation).toBe(180);
  });

  it('reads the legacy clockwise rotate tag of older ffprobe builds', () => {
    expect(videoProbeFromFfprobe(output({ tags: { rotate: '90' } })).rotation).toBe(90);
    expect(videoProbeFromFfprobe(output({ tags: { rotate: '-90' } })).rotation).toBe(270);
    expect(videoProbeFromFfprobe(output({})).rotation).toBe(0);
  });

  it('falls back from the container duration to the stream duration, then to a Matroska DURATION tag', () => {
    expect(videoProbeFromFfprobe(output({ duration: '3.25' }))).toMatchObject({ durationSeconds: 12.5, durationSource: 'container' });
    expect(videoProbeFromFfprobe(output({ duration: '3.25' }, { duration: undefined }))).toMatchObject({ durationSeconds: 3.25, durationSource: 'stream' });
    expect(videoProbeFromFfprobe(output({ tags: { DURATION: '01:02:03.500000000' } }, { duration: 'N/A' }))).toMatchObject({ durationSeconds: 3723.5, durationSource: 'stream' });
    expect(videoProbeFromFfprobe(output({}, { duration: undefined }))).toMatchObject({ durationSeconds: null, durationSource: null });
  });

  it('reads frame rate fractions, counts and the creation time from format or stream tags', () => {
    const probe = videoProbeFromFfprobe(output({ nb_frames: '375', bit_rate: '800000', tags: { creation_time: '2021-08-24T21:15:15.574000Z' } }));
    expect(probe.fps).toBeCloseTo(29.97, 2);
    expect(probe).toMatchObject({ frameCount: 375, bitRate: 800000, creationTime: '2021-08-24T21:15:15.574000000Z' });
    expect(videoProbeFromFfprobe(output({ avg_frame_rate: '0/0' })).fps).toBeNull();
    expect(videoProbeFromFfprobe(output({}, { tags: { creation_time: 'yesterday' } })).creationTime).toBeNull();
  });

  it('skips cover art and finds audio anywhere', () => {
    const cover = { index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 600, height: 600, disposition: { attached_pic: 1 } };
    const audio = { index: 1, codec_type: 'audio', codec_name: 'aac' };
    const probe = videoProbeFromFfprobe(output({}, {}, [cover, audio]));
    expect(probe).toMatchObject({ codec: 'h264', width: 1920, hasAudio: true, audioCodec: 'aac' });
  });

  it('refuses files without a video stream, still images and streams without a frame size', () => {
    const audioOnly = ffprobeOutputSchema.parse({ streams: [{ index: 0, codec_type: 'audio', codec_name: 'mp3' }], format: { format_name: 'mp3' } });
    expect(() => videoProbeFromFfprobe(audioOnly)).toThrow('no video stream');
    expect(() => videoProbeFromFfprobe(output({ codec_name: 'png' }, { format_name: 'png_pipe' }))).toThrow('a still image (png), not a video');
    expect(() => videoProbeFromFfprobe(output({ width: 0 }))).toThrow('the h264 stream has no frame size');
  });
});
