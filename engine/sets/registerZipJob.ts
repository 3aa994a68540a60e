import { z } from 'zod';
import type { JobService } from '../jobs/JobService';
import type { MetaStore } from '../meta/MetaStore';
import { objectUri } from '../storage/objectKeys';
import type { ObjectStorage } from '../storage/ObjectStorage';
import { registerSetJob } from './registerSetJob';
import type { SetStore } from './SetStore';
import { SetZipWriter } from './SetZipWriter';

/** What a previous zip of the set recorded about itself. */
const zipDocumentSchema = z.looseObject({ fingerprint: z.string(), object_access: z.looseObject({ uri: z.string() }) });

/**
 * `zip_all_assets`: writes the set's zip as a stored object and records it as the `zipfiles`
 * asset the client downloads (`GET /am/v1/assets/<zip_id>?return_url=True&asset_type=zipfiles`).
 * Without force_recreate, a zip whose fingerprint still matches the set is kept as it is.
 */
export function registerZipJob(jobs: JobService, meta: MetaStore, storage: ObjectStorage, store: SetStore): void {
  const writer = new SetZipWriter(meta, storage, store);
  registerSetJob(jobs, store, 'set_zip', {
    jobType: 'zipping',
    state: 'being zipped',
    work: async (ctx, set, p) => {
      const org = ctx.organizationId;
      const zipScope = { organizationId: org, assetType: 'zipfiles' as const };
      const previous = zipDocumentSchema.safeParse(meta.get(zipScope, p.zipId));
      if (!p.forceRecreate && previous.success && storedObjectExists(storage, org, previous.data.object_access.uri)) {
        ctx.progress(0, 'comparing with the previous zip');
        if ((await writer.fingerprint(ctx, set)) === previous.data.fingerprint) {
          ctx.note(`Set ${set.id} has not changed since zip ${p.zipId} was made; the zip was kept.`);
          return;
        }
      }
      ctx.progress(0, 'writing the zip');
      const fileName = `${p.zipId}.zip`;
      const zip = await writer.write(ctx, set, `zipfiles/${fileName}`, store.count(org, set));
      meta.write(zipScope, [{
        id: p.zipId,
        doc: {
          id: p.zipId, owner: org, set_id: set.id, set_name: set.name, assets_type: set.assets_type,
          fingerprint: zip.fingerprint, size: zip.record.size, sha256: zip.record.sha256,
          members: zip.members, files: zip.files, annotations: zip.annotations, job_id: ctx.jobId,
          timestamp: new Date().toISOString(),
          object_access: { uri: objectUri(zip.record.bucket, zip.record.key), filename: fileName },
        },
      }], { replace: true, replaceSets: true });
      ctx.note(`Zipped ${zip.members} ${set.assets_type} (${zip.files} files) and ${zip.annotations} annotations into ${p.zipId} (${zip.record.size} bytes).`);
      if (zip.skipped.length > 0) ctx.note(`${zip.skipped.length} files were left out: ${zip.skipped.slice(0, 20).join('; ')}`);
    },
  });
}

function storedObjectExists(storage: ObjectStorage, organizationId: string, uri: string): boolean {
  try {
    storage.objectForUri(organizationId, uri);
    return true;
  } catch {
    return false;
  }
}
