// Delta tokens are opaque to clients but, like Exchange's, carry what they need to continue: the
// mailbox, the original window, and the sync state (or page set) they refer to. base64url keeps them
// URL-safe (the Graph SDK re-sends links without re-encoding them, graph.md §0).

export type DeltaTokenPayload = { mailboxId: string; start: string; end: string; stateId: string; offset?: number };

export function encodeDeltaToken(payload: DeltaTokenPayload): string {
  const compact = {
    m: payload.mailboxId,
    s: payload.start,
    e: payload.end,
    g: payload.stateId,
    ...(payload.offset !== undefined ? { o: payload.offset } : {}),
  };
  return Buffer.from(JSON.stringify(compact)).toString('base64url');
}

export function decodeDeltaToken(token: string): DeltaTokenPayload | null {
  try {
    const compact = JSON.parse(Buffer.from(token, 'base64url').toString()) as {
      m?: unknown;
      s?: unknown;
      e?: unknown;
      g?: unknown;
      o?: unknown;
    };
    if (
      typeof compact.m !== 'string' ||
      typeof compact.s !== 'string' ||
      typeof compact.e !== 'string' ||
      typeof compact.g !== 'string'
    )
      return null;
    return {
      mailboxId: compact.m,
      start: compact.s,
      end: compact.e,
      stateId: compact.g,
      ...(typeof compact.o === 'number' ? { offset: compact.o } : {}),
    };
  } catch {
    return null;
  }
}
