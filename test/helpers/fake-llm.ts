import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake server does with one request. */
export type FakeAction =
  | { kind: 'text'; text: string }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'hang' };

export interface FakeRequest {
  path: string;
  body: Record<string, unknown>;
  /** Phase 2 asks for the schema (response_format for OpenAI, a forced tool for Anthropic). */
  wantsSchema: boolean;
}

export interface FakeServer {
  /** Base URL to give the SDK (OpenAI: with /v1; Anthropic: without). */
  baseURL: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

/**
 * A fake OpenAI-compatible or Anthropic server on 127.0.0.1 (random port) that answers each
 * request as `script` says, in the provider's wire format. No real network is involved.
 */
export async function fakeLlmServer(provider: 'openai' | 'anthropic', script: (req: FakeRequest, n: number) => FakeAction): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(data) as Record<string, unknown>;
      } catch {
        // keep {}
      }
      const r: FakeRequest = { path: req.url ?? '', body, wantsSchema: provider === 'openai' ? 'response_format' in body : 'tools' in body };
      requests.push(r);
      const action = script(r, requests.length);
      if (action.kind === 'hang') return; // never answers; closed when the test ends
      if (action.kind === 'raw') {
        res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers });
        res.end(action.body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(provider === 'openai' ? openAiReply(action) : anthropicReply(action, body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: provider === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function openAiReply(action: { kind: 'text'; text: string } | { kind: 'json'; value: unknown }) {
  const content = action.kind === 'text' ? action.text : JSON.stringify(action.value);
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model: 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function anthropicReply(action: { kind: 'text'; text: string } | { kind: 'json'; value: unknown }, body: Record<string, unknown>) {
  const tool = (body.tools as { name: string }[] | undefined)?.[0]?.name;
  const content =
    action.kind === 'json' && tool
      ? [{ type: 'tool_use', id: 'toolu_fake', name: tool, input: action.value }]
      : [{ type: 'text', text: action.kind === 'text' ? action.text : JSON.stringify(action.value) }];
  return {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model: 'fake',
    content,
    stop_reason: action.kind === 'json' ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  };
}
