// Writing to the caller's stream with backpressure: text is gathered into ~64 KB chunks and
// each chunk waits for `drain` when the stream asks it to, so a writer's memory stays flat.
// Writers never end the caller's stream: the caller (HTTP response, file) owns it.
import { once } from "node:events";

const CHUNK = 64 * 1024;

/** Writes one chunk, waiting for `drain` if the stream's buffer is full; fails if the stream closes first. */
export async function put(out: NodeJS.WritableStream, chunk: Buffer): Promise<void> {
  if (out.write(chunk)) return;
  const closed = new AbortController();
  try {
    await Promise.race([
      once(out, "drain", { signal: closed.signal }),
      once(out, "close", { signal: closed.signal }).then(() => {
        throw new Error("the output closed before the export was written");
      }),
    ]);
  } finally {
    closed.abort();
  }
}

export class Output {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(text: string): Promise<void> {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = Buffer.from(this.chunks.join(""), "utf8");
    this.chunks = [];
    this.size = 0;
    await put(this.out, data);
  }
}
