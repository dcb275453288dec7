// **tokenSchemas** describe the admin token API: list, create (the secret shown once), rotate, revoke.
import { Type, type Static } from 'typebox';
import { problemResponse } from './problem.js';

export const TokenInfoSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'holder, unique for all time; rights follow the id, never the name' }),
  role: Type.String({ description: 'admin, curator or publisher' }),
  createdAt: Type.String(),
  lastUsedAt: Type.Optional(Type.String()),
  revokedAt: Type.Optional(Type.String()),
});

export const NewTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  role: Type.Union([Type.Literal('admin'), Type.Literal('curator'), Type.Literal('publisher')]),
}, { additionalProperties: false });
export type NewTokenBody = Static<typeof NewTokenBody>;

export const TokenIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{16}$' }) });

const auth = {
  401: problemResponse('no or unknown bearer token'),
  403: problemResponse('the token is not an admin token'),
  429: problemResponse('too many failed token attempts from this address'),
} as const;

export const listTokensResponses = { 200: Type.Object({ tokens: Type.Array(TokenInfoSchema) }), ...auth } as const;
export const createTokenResponses = {
  201: Type.Object({ token: Type.String({ description: 'the secret: shown this once, stored only as a hash' }), info: TokenInfoSchema }),
  400: problemResponse('invalid name or role'),
  ...auth,
  409: problemResponse('a token has or had that name (CAT_ERR_TOKEN_NAME_TAKEN)'),
} as const;
export const rotateTokenResponses = {
  200: Type.Object({ token: Type.String({ description: 'the new secret: shown this once; the old one no longer works' }), info: TokenInfoSchema }),
  ...auth,
  404: problemResponse('no active token with that id'),
} as const;
export const revokeTokenResponses = { 204: Type.Null(), ...auth, 404: problemResponse('no active token with that id') } as const;
