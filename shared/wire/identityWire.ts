import { z } from 'zod';
import { USER_ROLES } from '../scenebox/constants';

// Replies of the discovery and identity routes (wire protocol §1.1, §1.2). Objects are loose: a
// newer server may add keys, and a client must not break on them; the keys read are checked.

const user = z.looseObject({
  username: z.string().min(1),
  email: z.string().nullish(),
  role: z.enum(USER_ROLES),
  organization_id: z.string().min(1),
});

export const identityWire = {
  /** `GET /status`: discovery of the asset manager. */
  status: z.looseObject({
    asset_manager_url: z.string().min(1),
    version: z.string().min(1),
    supported_version: z.string().nullish(),
    frontend_url: z.string().nullish(),
  }),
  /** `GET /auth` and `GET <am root>/auth`. */
  whoami: user.extend({
    organization: z.string().nullish(),
    version: z.string().nullish(),
    build_host: z.string().nullish(),
  }),
  user,
  users: z.array(user),
  /** `POST /identity_manager/user`: the only reply that carries the new user's token. */
  newUser: user.extend({ token: z.string().min(1) }),
  organization: z.looseObject({ id: z.string().min(1), name: z.string() }),
  organizations: z.array(z.looseObject({ id: z.string().min(1), name: z.string() })),
  ownerships: z.array(z.looseObject({ owner: z.string(), access: z.string() })),
  /** SceneBox's `ACK_OK_RESPONSE`. */
  ack: z.looseObject({ acknowledged: z.literal(true) }),
};

export type WireStatus = z.infer<typeof identityWire.status>;
export type WireWhoami = z.infer<typeof identityWire.whoami>;
export type WireUser = z.infer<typeof identityWire.user>;
export type WireNewUser = z.infer<typeof identityWire.newUser>;
export type WireOrganization = z.infer<typeof identityWire.organization>;
export type WireOwnership = z.infer<typeof identityWire.ownerships>[number];
