import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../access/policy';
import type { Db } from '../db/store';
import { viewerFromSession } from '../users/sessions.repository';
import { viewerFromApiToken } from '../users/tokens.service';
import { unauthorised } from './errors';

export const SESSION_COOKIE = 'headstamp_session';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

/** Finds who is calling: a signed session cookie (browsers) or a bearer API token (scripts). */
export async function identify(db: Db, request: FastifyRequest): Promise<Viewer | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return (await viewerFromApiToken(db, header.slice(7).trim())) ?? null;
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const unsigned = request.unsignCookie(cookie);
  if (!unsigned.valid || unsigned.value === null) return null;
  return (await viewerFromSession(db, unsigned.value)) ?? null;
}

/** The caller, or a 401 for anyone not signed in. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw unauthorised();
  return request.viewer;
}

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    signed: true,
    expires,
  });
}
