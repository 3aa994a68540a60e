import { z } from 'zod';

// Replies of the metadata write, delete, comment and URL routes (wire protocol §1.4, §1.9, §6).

const objectAccess = z.looseObject({
  uri: z.string().nullish(),
  url: z.string().nullish(),
  filename: z.string().nullish(),
});

const comment = z.looseObject({ comment: z.string(), user: z.string().nullish(), timestamp: z.string().nullish() });

export const assetWire = {
  /** `PUT /assets/meta/<id>`, `PUT /assets/copy/<id>`, `DELETE /assets/<id>`: the id as stored (standardized). */
  writeAck: z.looseObject({ acknowledged: z.literal(true), id: z.string().min(1) }),
  /** `POST /assets/meta_batch` and the comment routes. */
  batchAck: z.looseObject({ acknowledged: z.literal(true), ids: z.array(z.string()) }),
  exists: z.boolean(),
  /** Long work answers with the id of a job (an asset of type `jobs`). */
  jobId: z.looseObject({ job_id: z.string().min(1) }),
  objectAccess,
  comment,
  /** `POST /v1/<type>/get_comments`: comments per stored id. */
  comments: z.record(z.string(), z.array(comment)),
  url: z.looseObject({ url: z.string().min(1) }),
  /** Batch URL routes: null for an id whose object cannot be found. */
  urlBatch: z.record(z.string(), z.string().nullable()),
  /** `POST /assets/update_by_query`: SceneBox answers with task ids; SceneDock's are job ids. */
  updateByQuery: z.looseObject({ task_ids: z.array(z.string()).min(1), job_id: z.string().nullish() }),
  responseModel: z.looseObject({}),
};

export type WireObjectAccess = z.infer<typeof objectAccess>;
export type WireComment = z.infer<typeof comment>;
