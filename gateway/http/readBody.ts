import type { IncomingMessage } from 'node:http';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export type BodyResult =
  /** `text`: the body as sent, when it was parsed as JSON. */
  { ok: true; value: unknown; text?: string } | { ok: false; status: number; message: string };

/**
 * Reads a request body of at most `maxBytes` and parses it as JSON when its content type says so. Bodies of other
 * content types are passed on as text for Apollo Server to judge (it answers them with a clear 400).
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  if (req.method === 'GET' || req.method === 'HEAD') return { ok: true, value: undefined };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);

  const raw = await collect(req, maxBytes);
  if (raw === null) return tooLarge(maxBytes);
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid UTF-8.' };
  }
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/(graphql-response\+)?json\b/i.test(contentType)) return { ok: true, value: text };
  try {
    return { ok: true, value: text === '' ? undefined : (JSON.parse(text) as unknown), text };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.' };
  }
}

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, status: 413, message: `The request body is larger than ${maxBytes} bytes.` };
}

/** Collects the body, or null as soon as it passes `maxBytes` (the rest is drained, not kept). */
function collect(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      // Answer now; keep reading to the end so the client sees the 413 rather than a reset connection.
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
