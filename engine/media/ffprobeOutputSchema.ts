import { z } from 'zod';

// The subset of `ffprobe -print_format json -show_format -show_streams` we read. ffprobe prints
// most numbers as strings and leaves out what it does not know, so nearly everything is optional.

const text = z.union([z.string(), z.number()]).transform(String).optional();
const tags = z.record(z.string(), z.unknown()).optional();

export const ffprobeStreamSchema = z.looseObject({
  index: z.number(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  profile: text,
  pix_fmt: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  avg_frame_rate: z.string().optional(),
  duration: text,
  nb_frames: text,
  bit_rate: text,
  tags,
  disposition: z.looseObject({ attached_pic: z.number().optional() }).optional(),
  side_data_list: z.array(z.looseObject({ side_data_type: z.string().optional(), rotation: z.number().optional() })).optional(),
});
export type FfprobeStream = z.infer<typeof ffprobeStreamSchema>;

export const ffprobeOutputSchema = z.object({
  streams: z.array(ffprobeStreamSchema).default([]),
  format: z.looseObject({
    format_name: z.string().optional(),
    duration: text,
    bit_rate: text,
    tags,
  }),
});
export type FfprobeOutput = z.infer<typeof ffprobeOutputSchema>;
