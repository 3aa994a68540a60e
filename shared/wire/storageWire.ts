import { z } from 'zod';

// Replies of the byte routes: presigned uploads, multipart, and SceneDock's storage extensions
// (wire protocol §6). `size` and `sha256` of a completed upload are SceneDock extensions: a plain
// SceneBox server answers with the URI only.

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const presignedPost = z.looseObject({ url: z.string().min(1), fields: z.record(z.string(), z.string()), uri: z.string().min(1) });

export const storageWire = {
  sha256,
  presignedPost,
  /** `POST /assets/temporary_upload_url`: one presigned post per requested file id. */
  presignedPosts: z.record(z.string(), presignedPost),
  uploadId: z.looseObject({ upload_id: z.string().min(1) }),
  partUrl: z.looseObject({ url: z.string().min(1) }),
  completed: z.looseObject({ uri: z.string().min(1), size: z.number().int().nonnegative().optional(), sha256: sha256.optional() }),
  parts: z.looseObject({
    upload_id: z.string().min(1),
    key: z.string(),
    parts: z.array(z.looseObject({ PartNumber: z.number().int().positive(), ETag: z.string().min(1), Size: z.number().int().nonnegative() })),
    /** Parts whose last try was cut: the bytes the engine kept (SceneDock engines only). */
    partial: z.array(z.looseObject({ PartNumber: z.number().int().positive(), Size: z.number().int().nonnegative() })).default([]),
  }),
  objectBySha256: z.discriminatedUnion('exists', [
    z.looseObject({ exists: z.literal(true), uri: z.string().min(1), size: z.number().int().nonnegative(), sha256 }),
    z.looseObject({ exists: z.literal(false) }),
  ]),
  deleteIfExists: z.looseObject({ acknowledged: z.literal(true), deleted: z.boolean() }),
  listObjects: z.array(z.looseObject({ key: z.string(), uri: z.string(), size: z.number().int().nonnegative(), sha256: z.string().nullish(), last_modified: z.string().nullish() })),
  apiStatus: z.looseObject({ status: z.string() }),
};

export type WirePresignedPost = z.infer<typeof presignedPost>;
export type WireUploadedPart = z.infer<typeof storageWire.parts>['parts'][number];
export type WireUploadState = z.infer<typeof storageWire.parts>;
export type WireObjectBySha256 = z.infer<typeof storageWire.objectBySha256>;
export type WireStoredObject = z.infer<typeof storageWire.listObjects>[number];
